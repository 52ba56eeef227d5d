package com.mandatewatch.api;

import com.mandatewatch.api.ClientQueryRoutes.ClientQuery;
import com.mandatewatch.api.ClientQueryRoutes.Row;
import com.mandatewatch.auth.Permission;
import com.mandatewatch.report.Csv;
import com.mandatewatch.text.Money;
import com.mandatewatch.text.Table;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mandatewatch.api.Exports.nz;

/**
 * The client list exported and printed (SPEC §7): {@code GET /clients/export?format=csv|txt} and
 * {@code GET /clients/print}, with the same filters and sort as {@code GET /clients} (no paging unless asked).
 * CSV goes through {@link Csv} (BOM, RFC 4180, formula-safe text, amounts as numbers, numeric codes as ="…";
 * {@code bom=false} leaves the BOM out for programs); TXT is an aligned UTF-8 table; the print view is escaped HTML.
 */
final class ClientExportRoutes {
    static final List<String> HEADERS = List.of("客户代码", "客户名称", "客户性质", "客户经理", "生命周期阶段", "记录状态",
            "委托金额(元)", "规模分类", "性质分类", "合同类型分类", "收益分类");
    private static final int AMOUNT = 6;
    private static final Map<String, String> NATURE = Map.of("LISTED_COMPANY", "上市公司", "STATE_OWNED", "国有企业",
            "PRIVATE", "民营企业", "OTHER", "其他");
    private static final Map<String, String> STAGE = Map.of("PROSPECT", "潜在客户", "DEVELOPING", "开发中", "SIGNED", "已签约",
            "MAINTAINING", "维护中", "TERMINATED", "已终止");
    static final Map<String, String> RECORD_STATUS = Map.of("DRAFT", "草稿", "SEALED", "已封存");

    private final ClientQueryRoutes query;

    ClientExportRoutes(ClientQueryRoutes query) {
        this.query = query;
    }

    void mount(Router api) {
        api.get("/clients/export").handler(this::export);
        api.get("/clients/print").handler(this::print);
    }

    private void export(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_RECORDS);
        Exports.Request<ClientQuery> req = Exports.request(ctx, (p, extra) -> ClientQuery.parse(p, extra, ClientQueryRoutes.MAX_LIMIT));
        query.clients(c, req.query()).onComplete(ar -> {
            if (ar.failed()) ctx.fail(ar.cause());
            else Exports.download(ctx, "clients", req.options(), table(ar.result().rows()),
                    ar.result().rows().stream().map(ClientExportRoutes::csvRow).toList());
        });
    }

    private void print(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_RECORDS);
        ClientQuery q = ClientQuery.parse(ctx.queryParams(), Set.of(), ClientQueryRoutes.MAX_LIMIT);
        query.clients(c, q).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            List<String> headers = new ArrayList<>(HEADERS);
            headers.set(AMOUNT, "委托金额");
            List<List<String>> rows = ar.result().rows().stream().map(r -> {
                List<String> t = texts(r);
                t.set(AMOUNT, Money.wanYi(r.amount()));
                return t;
            }).toList();
            Exports.page(ctx, new Table(headers, rows, Set.of(AMOUNT)).printPage("客户名录", "共 " + ar.result().total() + " 户"));
        });
    }

    static Table table(List<Row> rows) {
        return new Table(HEADERS, rows.stream().map(ClientExportRoutes::texts).toList(), Set.of(AMOUNT));
    }

    private static List<String> texts(Row r) {
        JsonObject cls = r.body().getJsonObject("classification", new JsonObject());
        List<String> out = new ArrayList<>(List.of(r.client().code(), r.client().name(), label(NATURE, r.client().nature()),
                PersonNames.label(r.body().getString("managerName"), r.client().manager()), label(STAGE, r.client().stage()), label(RECORD_STATUS, r.client().status()),
                r.amount().setScale(2, RoundingMode.HALF_UP).toPlainString()));
        for (String d : ClientQueryRoutes.DIMENSIONS) out.add(nz(cls.getString(d)));
        return out;
    }

    static List<Csv.Cell> csvRow(Row r) {
        List<String> t = texts(r);
        List<Csv.Cell> cells = new ArrayList<>();
        cells.add(Csv.code(t.get(0)));
        for (int i = 1; i < t.size(); i++) {
            // a name Excel would read as a number, date or time (0012345, 2025-01, 3/4) is kept as text, like codes (C53)
            cells.add(i == AMOUNT ? Csv.number(r.amount().setScale(2, RoundingMode.HALF_UP)) : i == 1 || i == 3 ? Csv.code(t.get(i)) : Csv.text(t.get(i)));
        }
        return cells;
    }

    static String label(Map<String, String> labels, Enum<?> e) {
        return e == null ? "" : labels.getOrDefault(e.name(), e.name());
    }
}
