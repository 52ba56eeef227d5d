package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.auth.Role;
import com.mandatewatch.auth.User;
import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.AssessmentJson;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.report.AssessmentBreakdown;
import com.mandatewatch.report.AssessmentCalculator;
import com.mandatewatch.report.AssessmentRanking;
import com.mandatewatch.report.AssessmentStandards;
import com.mandatewatch.store.AssessmentStore;
import com.mandatewatch.store.ReferenceStore;
import com.mandatewatch.store.UserStore;
import com.mandatewatch.text.Controls;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.*;

/**
 * Monthly assessments of client managers (绩效考核, SPEC §7, issue 5 item 8). A supervisor (SALES_LEAD or
 * MARKETING_MANAGER) records a month for one manager with the qualitative score and the bonus items; the quantitative
 * part is computed from the database at that moment ({@link AssessmentCalculator}) and stored with its breakdown and
 * the standards used. One record per manager and month: a second POST is 409, a revision is a PUT of the record,
 * which computes the quantitative part again. Client managers read their own records; COMPLIANCE (the department's
 * general manager) and ADMIN read all.
 */
public final class AssessmentRoutes {
    /** Scoring is a supervisor's judgement (SPEC §1): not even ADMIN may do it, as with approvals. */
    private static final Set<String> BODY_FIELDS = Set.of("manager", "year", "month", "qualitativeScore", "marketingPlans",
            "productItems", "comment");
    private static final Set<String> LIST_PARAMS = Set.of("year", "month", "manager", "limit", "offset");
    private static final Set<String> SUMMARY_PARAMS = Set.of("year");
    static final int MIN_YEAR = 2000;
    static final int MAX_YEAR = 2100;
    /** Per item kind and month: more is a typing error, not a month's work. */
    static final int MAX_BONUS_ITEMS = 100;
    static final int MAX_COMMENT = 2000;

    private final ReferenceStore reference;
    private final UserStore users;
    private final AssessmentStore store;
    private final AssessmentStandards standards;
    private final BusinessClock clock;

    public AssessmentRoutes(ReferenceStore reference, UserStore users, AssessmentStore store, AssessmentStandards standards,
                            BusinessClock clock) {
        this.reference = reference;
        this.users = users;
        this.store = store;
        this.standards = standards;
        this.clock = clock;
    }

    public void mount(Router api) {
        api.get("/assessments/summary").handler(this::summary);
        api.get("/assessments").handler(this::list);
        api.post("/assessments").handler(this::create);
        api.put("/assessments/:id").handler(this::revise);
    }

    // ---- POST /assessments

    private void create(RoutingContext ctx) {
        Caller c = scorer(ctx);
        JsonObject in = ExactJson.object(ctx.body().asString());
        Fields f = new Fields(in);
        unknownFields(f, in);
        String manager = f.code("manager", true);
        Integer year = required(f, "year", MIN_YEAR, MAX_YEAR);
        Integer month = required(f, "month", 1, 12);
        Inputs inputs = inputs(f, in);
        if (year != null && month != null) notInTheFuture(f, YearMonth.of(year, month));
        Future<Optional<User>> user = manager == null ? Future.succeededFuture(Optional.empty()) : users.find(manager);
        Api.reply(ctx, 201, user.compose(u -> {
            if (manager != null && u.isEmpty()) f.error("manager", "用户 " + manager + " 不存在 / no such user");
            else if (manager != null && u.get().role() != Role.CLIENT_MANAGER) {
                f.error("manager", manager + " 不是客户经理，只考核客户经理 / not a client manager: only client managers are assessed");
            }
            f.throwIfAny();
            YearMonth ym = YearMonth.of(year, month);
            return entry(manager, ym, inputs).compose(e -> store.insert(e, c.username())).compose(saved -> saved.isPresent()
                    ? Future.succeededFuture(saved.get())
                    : store.list(year, month, manager, 1, 0).compose(existing -> Future.failedFuture(duplicate(existing))));
        }).onSuccess(j -> ctx.response().putHeader("Location", "/api/assessments?year=" + year + "&month=" + month + "&manager=" + manager)));
    }

    private static ApiException duplicate(AssessmentStore.Page existing) {
        String id = existing.items().isEmpty() ? "" : " (id " + existing.items().get(0).getLong("id") + ")";
        return new ApiException(409, "该客户经理本月已有考核记录" + id + "，请修改该记录 / "
                + "the manager has a record for this month" + id + "; revise it (PUT /api/assessments/{id})",
                List.of(new ApiException.FieldError("month", "每位客户经理每月一条记录 / one record per manager and month")));
    }

    // ---- PUT /assessments/{id}

    private void revise(RoutingContext ctx) {
        Caller c = scorer(ctx);
        long id = id(ctx);
        JsonObject in = ExactJson.object(ctx.body().asString());
        Fields f = new Fields(in);
        unknownFields(f, in);
        Inputs inputs = inputs(f, in);
        Api.reply(ctx, 200, store.byId(id).compose(found -> {
            JsonObject record = found.orElseThrow(() -> Api.notFound("assessment " + id));
            // the record's key is fixed: a body may repeat it (the POST body sent again) but not change it
            for (String key : List.of("manager", "year", "month")) {
                if (in.containsKey(key) && !String.valueOf(record.getValue(key)).equals(String.valueOf(in.getValue(key)))) {
                    f.error(key, "不能修改（应为 " + record.getValue(key) + "） / cannot be changed (is " + record.getValue(key) + ")");
                }
            }
            f.throwIfAny();
            String manager = record.getString("manager");
            return entry(manager, YearMonth.of(record.getInteger("year"), record.getInteger("month")), inputs)
                    .compose(e -> store.update(id, e, c.username()))
                    .map(saved -> saved.orElseThrow(() -> Api.notFound("assessment " + id)));
        }));
    }

    // ---- GET /assessments?year=&month=&manager=&limit=&offset=

    private void list(RoutingContext ctx) {
        Caller c = reader(ctx);
        Fields q = query(ctx, LIST_PARAMS);
        Integer year = optional(q, "year", MIN_YEAR, MAX_YEAR);
        Integer month = optional(q, "month", 1, 12);
        String manager = q.code("manager", false);
        int limit = q.integer("limit", 500, 1, 1000);
        int offset = q.integer("offset", 0, 0, Integer.MAX_VALUE);
        q.throwIfAny();
        if (c.role() == Role.CLIENT_MANAGER && manager != null && !manager.equals(c.username())) {
            // another manager's records do not exist for a client manager (as another's client is 404 elsewhere)
            Api.json(ctx, 200, new JsonObject().put("items", new JsonArray()).put("total", 0));
            return;
        }
        String only = c.role() == Role.CLIENT_MANAGER ? c.username() : manager;
        Api.reply(ctx, 200, store.list(year, month, only, limit, offset)
                .map(page -> new JsonObject().put("items", new JsonArray(new ArrayList<>(page.items()))).put("total", page.total())));
    }

    // ---- GET /assessments/summary?year=

    private void summary(RoutingContext ctx) {
        Caller c = reader(ctx);
        Fields q = query(ctx, SUMMARY_PARAMS);
        Integer year = required(q, "year", MIN_YEAR, MAX_YEAR);
        q.throwIfAny();
        Api.reply(ctx, 200, store.year(year).map(y -> {
            List<AssessmentRanking.Row> rows = AssessmentRanking.rank(y.scores());
            JsonArray items = new JsonArray();
            for (AssessmentRanking.Row r : rows) {
                if (c.role() == Role.CLIENT_MANAGER && !r.manager().equals(c.username())) continue;
                items.add(new JsonObject().put("manager", r.manager()).put("name", y.names().get(r.manager()))
                        .put("months", new JsonArray(new ArrayList<>(r.months()))).put("recorded", r.months().size())
                        .put("totalScore", AssessmentJson.decimal(r.total())).put("averageScore", r.averageText())
                        .put("rank", r.rank()));
            }
            return new JsonObject().put("year", year).put("ranked", rows.size()).put("items", items).put("total", items.size());
        }));
    }

    // ---- computing a record

    /** The supervisor's part of a record. */
    private record Inputs(BigDecimal qualitativeScore, int marketingPlans, int productItems, String comment) {
    }

    private Future<AssessmentStore.Entry> entry(String manager, YearMonth month, Inputs in) {
        Instant from = AssessmentCalculator.start(month);
        Instant to = AssessmentCalculator.end(month);
        Future<List<Contract>> contracts = Future.all(reference.clients(), reference.contracts()).map(all -> {
            Set<String> own = new HashSet<>();
            for (Client cl : all.<List<Client>>resultAt(0)) if (manager.equals(cl.manager())) own.add(cl.code());
            return all.<List<Contract>>resultAt(1).stream().filter(k -> own.contains(k.clientCode())).toList();
        });
        Future<List<AssessmentCalculator.StageChange>> changes = store.stageChanges(manager, from, to);
        // an alert whose deadline falls in the month may have become critical up to one SLA before it began
        Future<List<AssessmentCalculator.CriticalAlert>> alerts = store.criticalAlerts(manager, from.minus(standards.criticalAlertSla()), to);
        Future<Instant> asOf = clock.now();
        return Future.all(contracts, changes, alerts, asOf).map(all -> {
            AssessmentCalculator.Facts facts = new AssessmentCalculator.Facts(contracts.result(), changes.result(), alerts.result(), asOf.result());
            AssessmentBreakdown b = AssessmentCalculator.compute(standards, month, facts,
                    new AssessmentCalculator.Bonus(in.marketingPlans(), in.productItems()));
            BigDecimal quantitative = b.total();
            return new AssessmentStore.Entry(manager, month.getYear(), month.getMonthValue(), in.qualitativeScore(),
                    in.marketingPlans(), in.productItems(), in.comment(), quantitative,
                    AssessmentCalculator.score(standards, quantitative, in.qualitativeScore()),
                    AssessmentJson.breakdown(b), AssessmentJson.standards(standards), asOf.result());
        });
    }

    // ---- validation

    private Inputs inputs(Fields f, JsonObject in) {
        BigDecimal qualitative = f.decimal("qualitativeScore", true, BigDecimal.ZERO, standards.qualitativeMax());
        if (qualitative != null && qualitative.stripTrailingZeros().scale() > 2) {
            f.error("qualitativeScore", "最多两位小数 / at most two decimals");
            qualitative = null;
        }
        int plans = f.integer("marketingPlans", 0, 0, MAX_BONUS_ITEMS);
        int items = f.integer("productItems", 0, 0, MAX_BONUS_ITEMS);
        return new Inputs(qualitative, plans, items, comment(f, in));
    }

    private static String comment(Fields f, JsonObject in) {
        Object v = in.getValue("comment");
        if (v == null) return null;
        if (!(v instanceof String s)) {
            f.error("comment", "必须是字符串 / must be a string");
            return null;
        }
        if (s.length() > MAX_COMMENT) {
            f.error("comment", "过长（最多 " + MAX_COMMENT + " 字符） / too long (max " + MAX_COMMENT + ")");
            return null;
        }
        if (Controls.inText(s)) {
            f.error("comment", "不能包含控制字符 / must not contain control characters");
            return null;
        }
        String stripped = s.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static void unknownFields(Fields f, JsonObject in) {
        for (String name : new TreeSet<>(in.fieldNames())) {
            if (!BODY_FIELDS.contains(name)) f.error(name, "未知字段 / unknown field");
        }
    }

    /** A month not begun yet has no facts to count: it is refused, not recorded as zeros. */
    private void notInTheFuture(Fields f, YearMonth month) {
        // the wall clock, not business time: under the demo replay business time is years behind, and the months it
        // has replayed are still assessable
        YearMonth wall = YearMonth.now(AssessmentCalculator.SHANGHAI);
        if (month.isAfter(wall)) f.error("month", "不能晚于当前月份 " + wall + " / must not be after the current month " + wall);
    }

    private static Integer required(Fields f, String field, int min, int max) {
        if (!f.has(field)) {
            f.error(field, "必填 / required");
            return null;
        }
        return optional(f, field, min, max);
    }

    /** A whole number in [min, max], null when absent or bad (the error is recorded). */
    private static Integer optional(Fields f, String field, int min, int max) {
        if (!f.has(field)) return null;
        int marker = Integer.MIN_VALUE;
        Integer v = f.integer(field, marker, min, max);
        return v == marker ? null : v;
    }

    /** The query as fields, with every unknown or repeated parameter already named as an error. */
    private static Fields query(RoutingContext ctx, Set<String> known) {
        return Api.query(ctx, known.toArray(String[]::new));
    }

    private static Caller scorer(RoutingContext ctx) {
        Caller c = Caller.of(ctx);
        if (!Permission.SCORE_MANAGERS.allows(c.role())) {
            throw new Denied(403, "只有销售组组长或市场部经理可以考核评分 / only SALES_LEAD or MARKETING_MANAGER may score managers");
        }
        return c;
    }

    private static Caller reader(RoutingContext ctx) {
        return Caller.of(ctx).require(Permission.READ_ASSESSMENTS);
    }

    private static long id(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Api.notFound("assessment " + ctx.pathParam("id"));
        }
    }
}
