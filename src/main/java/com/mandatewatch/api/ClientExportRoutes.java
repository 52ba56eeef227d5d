package com.mandatewatch.api;

import com.mandatewatch.text.Html;
import com.mandatewatch.api.ClientQueryRoutes.ClientQuery;
import com.mandatewatch.api.ClientQueryRoutes.Row;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.report.Csv;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client list exported and printed (SPEC §7): {@code GET /clients/export?format=csv|txt} and
 * {@code GET /clients/print}, with the same filters and sort as {@code GET /clients} (no paging unless asked).
 * CSV goes through {@link Csv} (BOM, RFC 4180, formula-safe text, amounts as numbers, numeric codes as ="…";
 * {@code bom=false} leaves the BOM out for programs); TXT is an aligned UTF-8 table; the print view is escaped HTML.
 */
final class ClientExportRoutes {
    static final List<String> HEADERS = List.of("客户代码", "客户名称", "客户性质", "客户经理", "生命周期阶段", "记录状态",
            "委托金额(元)", "规模分类", "性质分类", "合同类型分类", "收益分类");
    private static final Map<String, String> NATURE = Map.of("LISTED_COMPANY", "上市公司", "STATE_OWNED", "国有企业",
            "PRIVATE", "民营企业", "OTHER", "其他");
    private static final Map<String, String> STAGE = Map.of("PROSPECT", "潜在客户", "DEVELOPING", "开发中", "SIGNED", "已签约",
            "MAINTAINING", "维护中", "TERMINATED", "已终止");
    private static final Map<String, String> STATUS = Map.of("DRAFT", "草稿", "SEALED", "已封存");
    private static final BigDecimal YI = new BigDecimal("100000000");
    private static final BigDecimal WAN = new BigDecimal("10000");

    private final ClientQueryRoutes query;

    ClientExportRoutes(ClientQueryRoutes query) {
        this.query = query;
    }

    void mount(Router api) {
        api.get("/clients/export").handler(this::export);
        api.get("/clients/print").handler(this::print);
    }

    private void export(RoutingContext ctx) {
        Caller c = Caller.of(ctx).person();
        String format = ctx.queryParams().get("format");
        String bom = ctx.queryParams().get("bom");
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (format != null && !format.equals("csv") && !format.equals("txt")) {
            errors.add(new ApiException.FieldError("format", "取值应为 / one of [csv, txt]"));
        }
        if (bom != null && !bom.equals("true") && !bom.equals("false")) {
            errors.add(new ApiException.FieldError("bom", "取值应为 / one of [true, false]"));
        }
        ClientQuery q;
        try {
            q = ClientQuery.parse(ctx.queryParams(), Set.of("format", "bom"), ClientQueryRoutes.MAX_LIMIT);
        } catch (ApiException e) {
            errors.addAll(0, e.details());
            throw new ApiException(400, e.getMessage(), errors);
        }
        if (!errors.isEmpty()) throw new ApiException(400, "请求参数有误 / invalid query", errors);
        boolean txt = "txt".equals(format);
        query.clients(c, q).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            List<Row> rows = ar.result().rows();
            byte[] bytes;
            if (txt) {
                bytes = table(rows).getBytes(StandardCharsets.UTF_8);
            } else {
                bytes = Csv.document(HEADERS, rows.stream().map(ClientExportRoutes::csvRow).toList());
                if ("false".equals(bom)) bytes = Arrays.copyOfRange(bytes, Csv.BOM.length, bytes.length);
            }
            ctx.response().setStatusCode(200)
                    .putHeader("Content-Type", txt ? "text/plain; charset=utf-8" : Csv.CONTENT_TYPE)
                    .putHeader("Content-Disposition", "attachment; filename=\"clients." + (txt ? "txt" : "csv") + "\"")
                    .putHeader("Cache-Control", "no-store")
                    .end(Buffer.buffer(bytes));
        });
    }

    private static List<String> texts(Row r) {
        JsonObject cls = r.body().getJsonObject("classification", new JsonObject());
        List<String> out = new ArrayList<>(List.of(r.client().code(), r.client().name(), label(NATURE, r.client().nature()),
                nz(r.client().manager()), label(STAGE, r.client().stage()), label(STATUS, r.client().status()),
                r.amount().setScale(2, RoundingMode.HALF_UP).toPlainString()));
        for (String d : ClientQueryRoutes.DIMENSIONS) out.add(nz(cls.getString(d)));
        return out;
    }

    static List<Csv.Cell> csvRow(Row r) {
        List<String> t = texts(r);
        List<Csv.Cell> cells = new ArrayList<>();
        cells.add(Csv.code(t.get(0)));
        for (int i = 1; i < t.size(); i++) {
            cells.add(i == 6 ? Csv.number(r.amount().setScale(2, RoundingMode.HALF_UP)) : i == 3 ? Csv.code(t.get(i)) : Csv.text(t.get(i)));
        }
        return cells;
    }

    // ---- plain text: columns aligned by display width (a Chinese character takes two columns)

    static String table(List<Row> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADERS);
        rows.forEach(r -> lines.add(texts(r).stream().map(ClientExportRoutes::oneLine).toList()));
        int[] width = new int[HEADERS.size()];
        for (List<String> l : lines) for (int i = 0; i < l.size(); i++) width[i] = Math.max(width[i], displayWidth(l.get(i)));
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            List<String> l = lines.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                String pad = " ".repeat(width[i] - displayWidth(l.get(i)));
                if (i > 0) line.append("  ");
                // amounts right-aligned, everything else left-aligned
                line.append(i == 6 && n > 0 ? pad + l.get(i) : l.get(i) + pad);
            }
            b.append(line.toString().stripTrailing()).append('\n');
            if (n == 0) {
                int total = Arrays.stream(width).sum() + 2 * (width.length - 1);
                b.append("-".repeat(total)).append('\n');
            }
        }
        return b.toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
    }

    static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }

    // ---- print view

    private void print(RoutingContext ctx) {
        Caller c = Caller.of(ctx).person();
        ClientQuery q = ClientQuery.parse(ctx.queryParams(), Set.of(), ClientQueryRoutes.MAX_LIMIT);
        query.clients(c, q).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                    .end(html(ar.result().rows(), ar.result().total()));
        });
    }

    static String html(List<Row> rows, int total) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>客户名录</title><style>\n")
                .append("body{font-family:\"Microsoft YaHei\",\"PingFang SC\",sans-serif;font-size:12px;margin:16px}\n")
                .append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3px 6px}\n")
                .append("th{background:#eee}td.amount{text-align:right;white-space:nowrap}\n")
                .append("@media print{body{margin:0}.no-print{display:none}thead{display:table-header-group}tr{page-break-inside:avoid}"
                        + "@page{size:A4 landscape;margin:12mm}}\n")
                .append("</style></head><body>\n<h1>客户名录</h1>\n<p>共 ").append(total).append(" 户</p>\n")
                .append("<p class=\"no-print\"><button onclick=\"window.print()\">打印</button></p>\n<table>\n<thead><tr>");
        List<String> headers = new ArrayList<>(HEADERS);
        headers.set(6, "委托金额");
        headers.forEach(h -> b.append("<th>").append(Html.escape(h)).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            List<String> t = texts(r);
            b.append("<tr>");
            for (int i = 0; i < t.size(); i++) {
                if (i == 6) b.append("<td class=\"amount\">").append(Html.escape(money(r.amount()))).append("</td>");
                else b.append("<td>").append(Html.escape(t.get(i))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n</body></html>\n").toString();
    }

    /** 3.50亿元 from one 亿 up, otherwise 1,234.50万元 (SPEC §7 print view). */
    static String money(BigDecimal yuan) {
        if (yuan.abs().compareTo(YI) >= 0) return String.format(java.util.Locale.ROOT, "%,.2f亿元", yuan.divide(YI, 2, RoundingMode.HALF_UP));
        return String.format(java.util.Locale.ROOT, "%,.2f万元", yuan.divide(WAN, 2, RoundingMode.HALF_UP));
    }

    private static String label(Map<String, String> labels, Enum<?> e) {
        return e == null ? "" : labels.getOrDefault(e.name(), e.name());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
