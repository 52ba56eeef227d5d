package com.mandatewatch.store;

import com.mandatewatch.domain.LifecycleStage;
import com.mandatewatch.json.AlertJson;
import com.mandatewatch.json.AssessmentJson;
import com.mandatewatch.report.AssessmentCalculator;
import com.mandatewatch.report.AssessmentRanking;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Monthly assessments (table assessment, V8) and the facts they are computed from that only the database knows:
 * stage changes of a manager's clients (from the audit log) and their critical alerts (from the alert events).
 * Every write has its audit row (entity {@code assessment}, code {@code manager:yyyy-MM}) in the same transaction.
 */
public final class AssessmentStore {
    private static final String SELECT = "SELECT s.*, u.name AS manager_name FROM assessment s JOIN app_user u ON u.username = s.manager";

    private final Pool pool;
    private final AuditStore audit;

    public AssessmentStore(Pool pool, AuditStore audit) {
        this.pool = pool;
        this.audit = audit;
    }

    /** The supervisor's inputs and what was computed from them, ready to store. */
    public record Entry(String manager, int year, int month, BigDecimal qualitativeScore, int marketingPlans, int productItems,
                        String comment, BigDecimal quantitative, BigDecimal score, JsonObject breakdown, JsonObject standards,
                        Instant asOf) {
    }

    // ---- facts

    /**
     * Effective stage changes of the manager's clients with {@code from ≤ at < to}: saved updates and approved
     * changes (a requested change has not happened yet), dated by when they took effect.
     */
    public Future<List<AssessmentCalculator.StageChange>> stageChanges(String manager, Instant from, Instant to) {
        return pool.preparedQuery("SELECT a.code, a.at, a.before->>'stage' AS before_stage, a.after->>'stage' AS after_stage "
                        + "FROM audit a JOIN client c ON c.code = a.code WHERE a.entity = 'client' "
                        + "AND a.action IN ('UPDATE', 'CHANGE_APPROVED') AND c.manager = $1 "
                        + "AND a.before->>'stage' IS NOT NULL AND a.after->>'stage' IS NOT NULL "
                        + "AND a.before->>'stage' <> a.after->>'stage' AND a.at >= $2 AND a.at < $3 ORDER BY a.id")
                .execute(Tuple.of(manager, AlertStore.utc(from), AlertStore.utc(to)))
                .map(rows -> ReferenceStore.map(rows, r -> new AssessmentCalculator.StageChange(r.getString("code"),
                        r.getOffsetDateTime("at").toInstant(), LifecycleStage.valueOf(r.getString("before_stage")),
                        LifecycleStage.valueOf(r.getString("after_stage")))));
    }

    /**
     * The alerts of the manager's clients that first became CRITICAL with {@code from ≤ time < to}, with the first
     * acknowledgement after that and the resolution. Data-quality alerts go to OPS only and are never a client
     * manager's to acknowledge; alerts without a client (firm-wide disclosure) belong to no manager.
     */
    public Future<List<AssessmentCalculator.CriticalAlert>> criticalAlerts(String manager, Instant from, Instant to) {
        return pool.preparedQuery("WITH crit AS (SELECT e.alert_id, min(e.seq) AS seq FROM alert_event e "
                        + "JOIN alert a ON a.id = e.alert_id JOIN client c ON c.code = a.client_code "
                        + "WHERE c.manager = $1 AND a.rule <> 'DATA_QUALITY' AND e.payload->>'severity' = 'CRITICAL' "
                        + "GROUP BY e.alert_id) "
                        + "SELECT crit.alert_id, a.client_code, ce.at AS critical_at, a.resolved_at, "
                        + "(SELECT min(k.at) FROM alert_event k WHERE k.alert_id = crit.alert_id AND k.seq > crit.seq "
                        + "AND k.kind = 'ACKNOWLEDGED') AS acknowledged_at "
                        + "FROM crit JOIN alert_event ce ON ce.seq = crit.seq JOIN alert a ON a.id = crit.alert_id "
                        + "WHERE ce.at >= $2 AND ce.at < $3 ORDER BY crit.alert_id")
                .execute(Tuple.of(manager, AlertStore.utc(from), AlertStore.utc(to)))
                .map(rows -> ReferenceStore.map(rows, r -> new AssessmentCalculator.CriticalAlert(r.getLong("alert_id"),
                        r.getString("client_code"), instant(r.getOffsetDateTime("critical_at")),
                        instant(r.getOffsetDateTime("acknowledged_at")), instant(r.getOffsetDateTime("resolved_at")))));
    }

    // ---- records

    /** Stores a new record with its CREATE audit row; empty when the manager has a record for that month already. */
    public Future<Optional<JsonObject>> insert(Entry e, String by) {
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO assessment (manager, year, month, qualitative_score, "
                                + "marketing_plans, product_items, comment, quantitative, score, breakdown, standards, as_of, created_by) "
                                + "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (manager, year, month) DO NOTHING RETURNING id")
                .execute(Tuple.of(e.manager(), e.year(), e.month(), e.qualitativeScore(), e.marketingPlans(), e.productItems())
                        .addString(e.comment()).addBigDecimal(e.quantitative()).addBigDecimal(e.score()).addValue(e.breakdown())
                        .addValue(e.standards()).addOffsetDateTime(AlertStore.utc(e.asOf())).addString(by))
                .compose(rows -> {
                    if (rows.size() == 0) return Future.succeededFuture(Optional.<JsonObject>empty());
                    long id = rows.iterator().next().getLong("id");
                    return byId(tx, id, false).compose(saved -> audit.insert(tx, by, "assessment", code(e), "CREATE", null,
                            saved.orElseThrow(), null).map(v -> saved));
                }));
    }

    /** Replaces the inputs and the computed part of record {@code id} with its UPDATE audit row; empty when unknown. */
    public Future<Optional<JsonObject>> update(long id, Entry e, String by) {
        return pool.withTransaction(tx -> byId(tx, id, true).compose(before -> {
            if (before.isEmpty()) return Future.succeededFuture(Optional.<JsonObject>empty());
            return tx.preparedQuery("UPDATE assessment SET qualitative_score=$2, marketing_plans=$3, product_items=$4, comment=$5, "
                            + "quantitative=$6, score=$7, breakdown=$8, standards=$9, as_of=$10, updated_by=$11, updated_at=now() WHERE id=$1")
                    .execute(Tuple.of(id, e.qualitativeScore(), e.marketingPlans(), e.productItems()).addString(e.comment())
                            .addBigDecimal(e.quantitative()).addBigDecimal(e.score()).addValue(e.breakdown())
                            .addValue(e.standards()).addOffsetDateTime(AlertStore.utc(e.asOf())).addString(by))
                    .compose(x -> byId(tx, id, false))
                    .compose(after -> audit.insert(tx, by, "assessment", code(e), "UPDATE", before.get(), after.orElseThrow(), null)
                            .map(v -> after));
        }));
    }

    public Future<Optional<JsonObject>> byId(long id) {
        return byId(pool, id, false);
    }

    private static Future<Optional<JsonObject>> byId(SqlClient sql, long id, boolean lock) {
        // FOR UPDATE OF s: lock the record, not the manager's user row
        return sql.preparedQuery(SELECT + " WHERE s.id = $1" + (lock ? " FOR UPDATE OF s" : "")).execute(Tuple.of(id))
                .map(rows -> ReferenceStore.first(rows).map(AssessmentStore::json));
    }

    /** One page of the records matching the filters (null: any), newest month first, with the number of all matches. */
    public record Page(List<JsonObject> items, long total) {
    }

    public Future<Page> list(Integer year, Integer month, String manager, int limit, int offset) {
        String where = " WHERE ($1::int IS NULL OR s.year = $1) AND ($2::int IS NULL OR s.month = $2) AND ($3::text IS NULL OR s.manager = $3)";
        Tuple params = Tuple.of(year, month, manager);
        Future<List<JsonObject>> items = pool.preparedQuery(SELECT + where + " ORDER BY s.year DESC, s.month DESC, s.manager LIMIT "
                + limit + " OFFSET " + offset).execute(params).map(rows -> ReferenceStore.map(rows, AssessmentStore::json));
        Future<Long> total = pool.preparedQuery("SELECT count(*) AS n FROM assessment s" + where).execute(params)
                .map(rows -> rows.iterator().next().getLong("n"));
        return Future.all(items, total).map(v -> new Page(items.result(), total.result()));
    }

    /** Every monthly score of the year, with the managers' names, for the year-end summary. */
    public record YearScores(List<AssessmentRanking.MonthlyScore> scores, java.util.Map<String, String> names) {
    }

    public Future<YearScores> year(int year) {
        return pool.preparedQuery("SELECT s.manager, u.name, s.month, s.score FROM assessment s "
                        + "JOIN app_user u ON u.username = s.manager WHERE s.year = $1").execute(Tuple.of(year))
                .map(rows -> {
                    java.util.Map<String, String> names = new java.util.HashMap<>();
                    List<AssessmentRanking.MonthlyScore> scores = ReferenceStore.map(rows, r -> {
                        names.put(r.getString("manager"), r.getString("name"));
                        return new AssessmentRanking.MonthlyScore(r.getString("manager"), r.getInteger("month"), r.getBigDecimal("score"));
                    });
                    return new YearScores(scores, names);
                });
    }

    private static String code(Entry e) {
        return e.manager() + ":" + e.year() + "-" + (e.month() < 10 ? "0" : "") + e.month();
    }

    private static JsonObject json(Row r) {
        return new JsonObject().put("id", r.getLong("id")).put("manager", r.getString("manager"))
                .put("managerName", r.getString("manager_name")).put("year", r.getInteger("year")).put("month", r.getInteger("month"))
                .put("qualitativeScore", AssessmentJson.decimal(r.getBigDecimal("qualitative_score")))
                .put("marketingPlans", r.getInteger("marketing_plans")).put("productItems", r.getInteger("product_items"))
                .put("comment", r.getString("comment"))
                .put("quantitativePoints", AssessmentJson.decimal(r.getBigDecimal("quantitative")))
                .put("score", AssessmentJson.decimal(r.getBigDecimal("score")))
                .put("breakdown", jsonb(r.getValue("breakdown"))).put("standards", jsonb(r.getValue("standards")))
                .put("asOf", AlertJson.time(instant(r.getOffsetDateTime("as_of"))))
                .put("createdBy", r.getString("created_by")).put("createdAt", AlertJson.time(instant(r.getOffsetDateTime("created_at"))))
                .put("updatedBy", r.getString("updated_by")).put("updatedAt", AlertJson.time(instant(r.getOffsetDateTime("updated_at"))));
    }

    private static JsonObject jsonb(Object v) {
        return v instanceof JsonObject o ? o.copy() : new JsonObject(String.valueOf(v));
    }

    private static Instant instant(OffsetDateTime t) { return t == null ? null : t.toInstant(); }
}
