package com.mandatewatch.api;

import com.mandatewatch.json.ApiException;
import com.mandatewatch.report.Csv;
import com.mandatewatch.text.Table;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/** The export and print answers of the client and contract lists: one format, one set of headers, one escaping. */
final class Exports {
    /** Query parameters an export takes beyond those of its list. */
    static final Set<String> PARAMS = Set.of("format", "bom");

    private Exports() {
    }

    /** format=csv (default) or txt; bom=false leaves the CSV byte-order mark out for programs. */
    record Options(boolean txt, boolean bom) {
        /** Adds an error per bad parameter and answers null when there is one. */
        static Options parse(MultiMap p, List<ApiException.FieldError> errors) {
            String format = p.get("format");
            String bom = p.get("bom");
            int before = errors.size();
            if (format != null && !format.equals("csv") && !format.equals("txt")) {
                errors.add(new ApiException.FieldError("format", com.mandatewatch.json.Fields.mustBeOneOf(List.of("csv", "txt"))));
            }
            if (bom != null && !bom.equals("true") && !bom.equals("false")) {
                errors.add(new ApiException.FieldError("bom", com.mandatewatch.json.Fields.mustBeOneOf(List.of("true", "false"))));
            }
            return errors.size() > before ? null : new Options("txt".equals(format), !"false".equals(bom));
        }
    }

    /** An export request: its format and the list query it exports. */
    record Request<Q>(Options options, Q query) {
    }

    /**
     * Reads format/bom and the list's own query (given the export parameters as extra ones) together, so that
     * one 400 names every bad parameter of both.
     */
    static <Q> Request<Q> request(RoutingContext ctx, BiFunction<MultiMap, Set<String>, Q> listQuery) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        Options o = Options.parse(ctx.queryParams(), errors);
        Q q = null;
        try {
            q = listQuery.apply(ctx.queryParams(), PARAMS);
        } catch (ApiException e) {
            errors.addAll(0, e.details());
        }
        if (!errors.isEmpty()) throw new ApiException(400, "请求参数有误 / invalid query", errors);
        return new Request<>(o, q);
    }

    /** The file download: CSV through {@link Csv} (BOM, formula-safe, amounts as numbers) or the aligned text table. */
    static void download(RoutingContext ctx, String baseName, Options o, Table table, List<List<Csv.Cell>> csvRows) {
        byte[] bytes;
        if (o.txt()) {
            bytes = table.plain().getBytes(StandardCharsets.UTF_8);
        } else {
            bytes = Csv.document(table.headers(), csvRows);
            if (!o.bom()) bytes = Arrays.copyOfRange(bytes, Csv.BOM.length, bytes.length);
        }
        ctx.response().setStatusCode(200)
                .putHeader("Content-Type", o.txt() ? "text/plain; charset=utf-8" : Csv.CONTENT_TYPE)
                .putHeader("Content-Disposition", "attachment; filename=\"" + baseName + (o.txt() ? ".txt" : ".csv") + "\"")
                .putHeader("Cache-Control", "no-store")
                .end(Buffer.buffer(bytes));
    }

    /**
     * A print page, under a policy that loads nothing from elsewhere and runs no script but the print button's
     * own handler, allowed by its hash: a name holding markup stays inert even if escaping were ever missed.
     */
    static void page(RoutingContext ctx, String html) {
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                        + "script-src 'unsafe-hashes' '" + Table.PRINT_BUTTON_HASH + "'")
                .end(html);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
