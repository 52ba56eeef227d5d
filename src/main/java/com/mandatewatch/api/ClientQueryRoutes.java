package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.ClientNature;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.DateBounds;
import com.mandatewatch.domain.LifecycleStage;
import com.mandatewatch.domain.RecordStatus;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.DomainJson;
import com.mandatewatch.report.Classifier;
import com.mandatewatch.store.ReferenceStore;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Conditional query on clients and contracts (SPEC §7 "Query, print, export"): filters, sort and paging, answering
 * {"items","total"} with total = all matches before paging. Every bad parameter is named in one 400. A client manager
 * sees own clients and their contracts only, exactly as in ReferenceRoutes. The export and print views
 * ({@link ClientExportRoutes}, {@link ContractExportRoutes}) run the same queries.
 */
public final class ClientQueryRoutes {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 5000;
    /** The classification dimensions as they are named in a client body's {@code classification}. */
    static final List<String> DIMENSIONS = List.of("size", "nature", "contractType", "return");
    private static final Set<String> GRADES = Set.of("A", "B", "C", "D");
    private static final Set<String> CLIENT_PARAMS = Set.of("name", "nature", "manager", "stage", "status", "sort", "limit", "offset");
    private static final Set<String> CONTRACT_PARAMS = Set.of("clientCode", "status", "type", "maturityFrom", "maturityTo", "sort", "limit", "offset");
    private static final List<String> CLIENT_SORTS = List.of("code", "-code", "name", "-name", "amount", "-amount");
    private static final List<String> CONTRACT_SORTS = List.of("code", "-code", "maturityDate", "-maturityDate", "amount", "-amount");

    private final ReferenceStore store;
    private final Function<JsonObject, Future<JsonObject>> computed;
    private final PersonNames names;

    public ClientQueryRoutes(ReferenceStore store, Function<JsonObject, Future<JsonObject>> computed, PersonNames names) {
        this.store = store;
        this.computed = computed;
        this.names = names;
    }

    /** Every user's name by user name, for the exports' person columns. */
    Future<java.util.Map<String, String>> personNames() {
        return names.byUsername();
    }

    /** Must be mounted before ReferenceRoutes, whose GET /clients/:code (/contracts/:code) would otherwise take …/export. */
    public void mount(Router api) {
        new ClientExportRoutes(this).mount(api);
        new ContractExportRoutes(this).mount(api);
        api.get("/clients").handler(ctx -> {
            Caller c = Caller.of(ctx).require(Permission.READ_RECORDS);
            ClientQuery q = ClientQuery.parse(ctx.queryParams(), Set.of(), DEFAULT_LIMIT);
            Api.reply(ctx, 200, clients(c, q).map(r -> new JsonObject().put("items", r.bodies()).put("total", r.total())));
        });
        api.get("/contracts").handler(this::contracts);
    }

    // ---- clients

    /** The parsed client query; {@code classes} maps a dimension to the wanted grade. */
    record ClientQuery(String name, ClientNature nature, String manager, LifecycleStage stage, RecordStatus status,
                       Map<String, String> classes, String sort, int limit, int offset) {
        static ClientQuery parse(MultiMap p, Set<String> extra, int defaultLimit) {
            List<ApiException.FieldError> errors = new ArrayList<>();
            errors.addAll(Api.queryErrors(p, n -> CLIENT_PARAMS.contains(n) || extra.contains(n) || n.startsWith("class.")));
            Map<String, String> classes = new LinkedHashMap<>();
            for (String n : p.names()) {
                if (!n.startsWith("class.")) continue;
                String dim = n.substring("class.".length());
                String g = p.get(n);
                if (!DIMENSIONS.contains(dim)) errors.add(new ApiException.FieldError(n, "分类维度应为 / dimension one of " + DIMENSIONS));
                else if (g == null || !GRADES.contains(g)) errors.add(new ApiException.FieldError(n, "分类应为 A–D / class A–D"));
                else classes.put(dim, g);
            }
            ClientQuery q = new ClientQuery(blankToNull(p.get("name")), enumParam(p, "nature", ClientNature.class, errors),
                    blankToNull(p.get("manager")), enumParam(p, "stage", LifecycleStage.class, errors),
                    enumParam(p, "status", RecordStatus.class, errors), classes, oneOf(p, "sort", CLIENT_SORTS, "code", errors),
                    intParam(p, "limit", defaultLimit, 1, MAX_LIMIT, errors), intParam(p, "offset", 0, 0, Integer.MAX_VALUE, errors));
            if (!errors.isEmpty()) throw new ApiException(400, "请求参数有误 / invalid query", errors);
            return q;
        }
    }

    /** One matching client: the domain record, its body with classification, and its entrusted amount. */
    record Row(Client client, JsonObject body, BigDecimal amount) {
    }

    record Result(List<Row> rows, int total) {
        JsonArray bodies() {
            JsonArray a = new JsonArray();
            rows.forEach(r -> a.add(r.body()));
            return a;
        }
    }

    /** Runs a client query for the caller: filter (the classification after it is computed), sort, then page. */
    Future<Result> clients(Caller c, ClientQuery q) {
        return Future.all(store.clients(), store.contracts()).compose(all -> {
            List<Client> clients = all.resultAt(0);
            List<Contract> contracts = all.resultAt(1);
            Map<String, List<Contract>> byClient = new HashMap<>();
            contracts.forEach(k -> byClient.computeIfAbsent(k.clientCode(), x -> new ArrayList<>()).add(k));
            List<Client> matching = clients.stream().filter(c::sees)
                    .filter(cl -> q.name() == null || cl.name().contains(q.name()))
                    .filter(cl -> q.nature() == null || cl.nature() == q.nature())
                    .filter(cl -> q.manager() == null || q.manager().equals(cl.manager()))
                    .filter(cl -> q.stage() == null || cl.stage() == q.stage())
                    .filter(cl -> q.status() == null || cl.status() == q.status()).toList();
            JsonArray items = new JsonArray();
            matching.forEach(cl -> items.add(DomainJson.client(cl)));
            return computed.apply(new JsonObject().put("items", items)).map(withClasses -> {
                JsonArray bodies = withClasses.getJsonArray("items");
                List<Row> rows = new ArrayList<>();
                for (int i = 0; i < matching.size(); i++) {
                    Client cl = matching.get(i);
                    JsonObject body = bodies.getJsonObject(i);
                    JsonObject cls = body.getJsonObject("classification", new JsonObject());
                    if (q.classes().entrySet().stream().allMatch(e -> e.getValue().equals(cls.getString(e.getKey())))) {
                        rows.add(new Row(cl, body, Classifier.entrusted(byClient.getOrDefault(cl.code(), List.of()))));
                    }
                }
                rows.sort(clientOrder(q.sort()));
                int total = rows.size();
                int from = Math.min(q.offset(), total);
                return new Result(new ArrayList<>(rows.subList(from, Math.min(total, from + q.limit()))), total);
            });
        });
    }

    private static Comparator<Row> clientOrder(String sort) {
        Comparator<Row> byCode = Comparator.comparing(r -> r.client().code());
        Comparator<Row> key = switch (sort.replace("-", "")) {
            case "name" -> Comparator.comparing((Row r) -> r.client().name());
            case "amount" -> Comparator.comparing(Row::amount);
            default -> byCode;
        };
        // a descending sort turns the key round, not the tie-break: equal keys stay in code order (README)
        return (sort.startsWith("-") ? key.reversed() : key).thenComparing(byCode);
    }

    // ---- contracts

    /** The parsed contract query: filters, sort and page. */
    record ContractQuery(String clientCode, ContractStatus status, ContractType type, LocalDate maturityFrom, LocalDate maturityTo,
                         String sort, int limit, int offset) {
        static ContractQuery parse(MultiMap p, Set<String> extra, int defaultLimit) {
            List<ApiException.FieldError> errors = new ArrayList<>();
            errors.addAll(Api.queryErrors(p, n -> CONTRACT_PARAMS.contains(n) || extra.contains(n)));
            LocalDate from = dateParam(p, "maturityFrom", errors);
            LocalDate to = dateParam(p, "maturityTo", errors);
            if (from != null && to != null && from.isAfter(to)) {
                errors.add(new ApiException.FieldError("maturityTo", "不得早于 maturityFrom / must not be before maturityFrom"));
            }
            ContractQuery q = new ContractQuery(blankToNull(p.get("clientCode")), enumParam(p, "status", ContractStatus.class, errors),
                    enumParam(p, "type", ContractType.class, errors), from, to, oneOf(p, "sort", CONTRACT_SORTS, "code", errors),
                    intParam(p, "limit", defaultLimit, 1, MAX_LIMIT, errors), intParam(p, "offset", 0, 0, Integer.MAX_VALUE, errors));
            if (!errors.isEmpty()) throw new ApiException(400, "请求参数有误 / invalid query", errors);
            return q;
        }

        boolean matches(Contract k) {
            return (clientCode == null || k.clientCode().equals(clientCode))
                    && (status == null || k.status() == status)
                    && (type == null || k.type() == type)
                    && (maturityFrom == null || (k.maturityDate() != null && !k.maturityDate().isBefore(maturityFrom)))
                    && (maturityTo == null || (k.maturityDate() != null && !k.maturityDate().isAfter(maturityTo)));
        }
    }

    /** One page of matching contracts, the total before paging, and the names of the clients they belong to. */
    record ContractResult(List<Contract> rows, int total, Map<String, String> clientNames) {
    }

    private void contracts(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_RECORDS);
        ContractQuery q = ContractQuery.parse(ctx.queryParams(), Set.of(), DEFAULT_LIMIT);
        Api.reply(ctx, 200, contracts(c, q).map(r -> {
            JsonArray items = new JsonArray();
            r.rows().forEach(k -> items.add(DomainJson.contract(k)));
            return new JsonObject().put("items", items).put("total", r.total());
        }));
    }

    /** Runs a contract query for the caller: only contracts of clients the caller sees, filtered, sorted, paged. */
    Future<ContractResult> contracts(Caller c, ContractQuery q) {
        return Future.all(store.contracts(), store.clients()).map(all -> {
            List<Contract> contracts = all.resultAt(0);
            Map<String, String> names = new HashMap<>();
            for (Client cl : all.<List<Client>>resultAt(1)) if (c.sees(cl)) names.put(cl.code(), cl.name());
            if (q.clientCode() != null && !c.role().seesAllClients() && !names.containsKey(q.clientCode())) {
                // a filter on another manager's client is a probe like reading it directly: an audited 404 (C42)
                throw Denied.hidden("client " + q.clientCode());
            }
            List<Contract> rows = new ArrayList<>(contracts.stream().filter(k -> names.containsKey(k.clientCode())).filter(q::matches).toList());
            rows.sort(contractOrder(q.sort()));
            int total = rows.size();
            int start = Math.min(q.offset(), total);
            return new ContractResult(List.copyOf(rows.subList(start, Math.min(total, start + q.limit()))), total, names);
        });
    }

    private static Comparator<Contract> contractOrder(String sort) {
        Comparator<Contract> byCode = Comparator.comparing(Contract::code);
        Comparator<Contract> key = switch (sort.replace("-", "")) {
            case "maturityDate" -> Comparator.comparing(Contract::maturityDate, Comparator.nullsLast(Comparator.naturalOrder()));
            case "amount" -> Comparator.comparing(Contract::amount, Comparator.nullsFirst(Comparator.naturalOrder()));
            default -> byCode;
        };
        return (sort.startsWith("-") ? key.reversed() : key).thenComparing(byCode);
    }

    // ---- parameters: each reader adds its error and answers null, so that one 400 names them all

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static <E extends Enum<E>> E enumParam(MultiMap p, String name, Class<E> type, List<ApiException.FieldError> errors) {
        String v = blankToNull(p.get(name));
        if (v == null) return null;
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            errors.add(new ApiException.FieldError(name, com.mandatewatch.json.Fields.mustBeOneOf(type.getEnumConstants())));
            return null;
        }
    }

    static String oneOf(MultiMap p, String name, List<String> allowed, String dflt, List<ApiException.FieldError> errors) {
        String v = blankToNull(p.get(name));
        if (v == null) return dflt;
        if (allowed.contains(v)) return v;
        errors.add(new ApiException.FieldError(name, com.mandatewatch.json.Fields.mustBeOneOf(allowed)));
        return dflt;
    }

    static int intParam(MultiMap p, String name, int dflt, int min, int max, List<ApiException.FieldError> errors) {
        String v = p.get(name);
        if (v == null) return dflt;
        try {
            int i = Integer.parseInt(v);
            if (i >= min && i <= max) return i;
        } catch (NumberFormatException ignored) {
            // falls through to the error
        }
        errors.add(new ApiException.FieldError(name, "必须是 " + min + "–" + max + " 的整数 / integer in [" + min + ", " + max + "]"));
        return dflt;
    }

    static LocalDate dateParam(MultiMap p, String name, List<ApiException.FieldError> errors) {
        String v = blankToNull(p.get(name));
        if (v == null) return null;
        try {
            LocalDate d = LocalDate.parse(v);
            if (DateBounds.contains(d)) return d;
            errors.add(new ApiException.FieldError(name, DateBounds.REASON));
            return null;
        } catch (DateTimeParseException e) {
            errors.add(new ApiException.FieldError(name, "日期格式应为 YYYY-MM-DD / date YYYY-MM-DD"));
            return null;
        }
    }
}
