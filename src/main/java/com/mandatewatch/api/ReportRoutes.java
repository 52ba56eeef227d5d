package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.DateBounds;
import com.mandatewatch.json.Fields;
import com.mandatewatch.report.*;
import com.mandatewatch.store.ReferenceStore;
import com.mandatewatch.store.ReturnStore;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.*;
import java.util.stream.Collectors;

/**
 * The department's reports (SPEC §7): the client classification and the maturity distribution, in JSON and CSV.
 * The calculations are the pure classes of {@code com.mandatewatch.report}; this class only loads the data, keeps a
 * client manager to own clients (the same rule as {@link ReferenceRoutes}: another's client does not exist for them)
 * and renders. It also adds the computed, read-only {@code classification} to every client body the API answers.
 */
public final class ReportRoutes {
    static final List<String> MATURITY_HEADERS = List.of("月份", "到期兑付金额", "新输入资金额", "存量资金", "调整后到期兑付金额", "调整后存量资金");

    private final ReferenceStore reference;
    private final ReturnStore returns;
    private final ClassScheme scheme;
    private final Classifier classifier;

    public ReportRoutes(ReferenceStore reference, ReturnStore returns, ClassScheme scheme) {
        this.reference = reference;
        this.returns = returns;
        this.scheme = scheme;
        this.classifier = new Classifier(scheme);
    }

    public void mount(Router api) {
        api.get("/reports/classification").handler(this::classification);
        api.get("/reports/maturity-distribution").handler(this::maturityDistribution);
    }

    // ---- classification on client bodies

    /**
     * Adds {@code classification} to a client body, or to each item of a client list {@code {"items":[…]}}; a value
     * sent by a client is ignored on input (DomainJson reads only the editable fields) and always recomputed here.
     */
    public Future<JsonObject> withClassification(JsonObject body) {
        return Future.all(reference.contracts(), returns.cumulativeReturns()).map(all -> {
            List<Contract> contracts = all.resultAt(0);
            Map<String, BigDecimal> ret = all.resultAt(1);
            Map<String, List<Contract>> byClient = byClient(contracts);
            JsonArray items = body.getJsonArray("items");
            if (items != null) {
                for (int i = 0; i < items.size(); i++) classifyBody(items.getJsonObject(i), byClient, ret);
            } else {
                classifyBody(body, byClient, ret);
            }
            return body;
        });
    }

    private void classifyBody(JsonObject client, Map<String, List<Contract>> byClient, Map<String, BigDecimal> ret) {
        Client c = new Client(client.getString("code"), client.getString("name"),
                com.mandatewatch.domain.ClientNature.valueOf(client.getString("nature")), client.getString("manager"), null, null);
        client.put("classification", classifier.classify(c, byClient.getOrDefault(c.code(), List.of()), ret).toJson());
    }

    // ---- GET /reports/classification

    private void classification(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require(Permission.READ_RECORDS);
        Api.query(ctx).throwIfAny();
        Api.reply(ctx, 200, Future.all(reference.clients(), reference.contracts(), returns.cumulativeReturns()).map(all -> {
            List<Client> clients = visible(caller, all.resultAt(0));
            Map<String, List<Contract>> byClient = byClient(all.resultAt(1));
            Map<String, BigDecimal> ret = all.resultAt(2);
            JsonArray dimensions = new JsonArray();
            Map<Client, ClientClasses> classes = new LinkedHashMap<>();
            Map<Client, BigDecimal> amount = new HashMap<>();
            for (Client c : clients) {
                List<Contract> own = byClient.getOrDefault(c.code(), List.of());
                classes.put(c, classifier.classify(c, own, ret));
                amount.put(c, Classifier.entrusted(own));
            }
            for (Dimension d : Dimension.values()) {
                JsonArray rows = new JsonArray();
                for (Grade g : Grade.values()) {
                    List<Client> in = clients.stream().filter(c -> classes.get(c).of(d) == g).toList();
                    ClassScheme.Style style = scheme.style(d, g);
                    rows.add(group(in, amount).put("class", g.name()).put("label", style.label()).put("colour", style.colour()));
                }
                List<Client> none = clients.stream().filter(c -> classes.get(c).of(d) == null).toList();
                dimensions.add(new JsonObject().put("dimension", d.key()).put("label", scheme.dimensionLabels().get(d))
                        .put("classes", rows).put("unclassified", group(none, amount)));
            }
            return new JsonObject().put("clients", clients.size()).put("dimensions", dimensions);
        }));
    }

    /** count, total entrusted amount (the amount that decides size: ACTIVE and MATURED contracts) and client codes. */
    private static JsonObject group(List<Client> in, Map<Client, BigDecimal> amount) {
        BigDecimal total = in.stream().map(amount::get).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new JsonObject().put("count", in.size()).put("totalAmount", money(total))
                .put("clients", new JsonArray(in.stream().map(Client::code).toList()));
    }

    // ---- GET /reports/maturity-distribution?from=yyyy-MM&months=1..60&format=json|csv

    private void maturityDistribution(RoutingContext ctx) {
        Caller caller = Caller.of(ctx).require(Permission.READ_MATURITY_REPORT);
        Fields f = Api.query(ctx, "from", "months", "format", "bom");
        YearMonth from = yearMonth(f, "from");
        int months = f.integer("months", 12, 1, MaturityDistribution.MAX_MONTHS);
        if (from != null && !DateBounds.contains(from.plusMonths(months - 1L).atEndOfMonth())) f.error("months", DateBounds.REASON);
        String format = f.text("format", false, 8);
        if (format != null && !format.equals("json") && !format.equals("csv")) f.error("format", "只能是 json 或 csv / must be json or csv");
        String bom = f.text("bom", false, 8);
        if (bom != null && !bom.equals("true") && !bom.equals("false")) f.error("bom", "只能是 true 或 false / must be true or false");
        f.throwIfAny();
        Future<MaturityDistribution.Result> result = Future.all(reference.clients(), reference.contracts()).map(all -> {
            Set<String> own = visible(caller, all.<List<Client>>resultAt(0)).stream().map(Client::code).collect(Collectors.toSet());
            List<Contract> contracts = all.<List<Contract>>resultAt(1).stream().filter(k -> own.contains(k.clientCode())).toList();
            return MaturityDistribution.compute(contracts, from, months);
        });
        if ("csv".equals(format)) {
            result.onSuccess(r -> {
                byte[] bytes = Csv.document(MATURITY_HEADERS, r.rows().stream().map(ReportRoutes::csvRow).toList());
                if ("false".equals(bom)) bytes = Arrays.copyOfRange(bytes, Csv.BOM.length, bytes.length);
                ctx.response().putHeader("Content-Type", Csv.CONTENT_TYPE).putHeader("Cache-Control", "no-store")
                        .putHeader("Content-Disposition", "attachment; filename=\"maturity-distribution-" + from + "-" + months + ".csv\"")
                        .end(Buffer.buffer(bytes));
            }).onFailure(ctx::fail);
            return;
        }
        Api.reply(ctx, 200, result.map(r -> {
            JsonArray rows = new JsonArray();
            r.rows().forEach(row -> rows.add(new JsonObject().put("month", row.month().toString())
                    .put("maturing", money(row.maturing())).put("newFunds", money(row.newFunds()))
                    .put("existing", money(row.existing())).put("adjustedMaturing", money(row.adjustedMaturing()))
                    .put("adjustedExisting", money(row.adjustedExisting()))));
            return new JsonObject().put("from", from.toString()).put("months", months).put("opening", money(r.opening())).put("rows", rows);
        }));
    }

    private static List<Csv.Cell> csvRow(MaturityDistribution.Row r) {
        // the month as a code cell: Excel would otherwise turn "2025-01" into a date
        return List.of(Csv.code(r.month().toString()), Csv.number(scaled(r.maturing())), Csv.number(scaled(r.newFunds())),
                Csv.number(scaled(r.existing())), Csv.number(scaled(r.adjustedMaturing())), Csv.number(scaled(r.adjustedExisting())));
    }

    /** A strict yyyy-MM (2025-13 and 2025-1 are errors), required. */
    private static YearMonth yearMonth(Fields f, String field) {
        String s = f.text(field, true, 16);
        if (s == null) return null;
        try {
            if (!s.matches("\\d{4}-\\d{2}")) throw new DateTimeException(s);
            YearMonth m = YearMonth.parse(s);
            if (DateBounds.contains(m.atDay(1))) return m;
            f.error(field, DateBounds.REASON);
            return null;
        } catch (DateTimeException e) {
            f.error(field, "月份无效，格式 yyyy-MM / not a valid month (yyyy-MM)");
            return null;
        }
    }

    // ---- helpers

    private static List<Client> visible(Caller c, List<Client> clients) {
        return clients.stream().filter(c::sees).toList();
    }

    private static Map<String, List<Contract>> byClient(List<Contract> contracts) {
        return contracts.stream().collect(Collectors.groupingBy(Contract::clientCode));
    }

    /** Yuan with at least two decimals and never rounded: amounts are NUMERIC(20,2), sums are exact. */
    static String money(BigDecimal d) {
        return scaled(d).toPlainString();
    }

    private static BigDecimal scaled(BigDecimal d) {
        return d.setScale(Math.max(2, d.scale()));
    }

}
