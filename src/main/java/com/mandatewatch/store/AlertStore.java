package com.mandatewatch.store;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.AlertState;
import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import com.mandatewatch.json.AlertJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Alerts, their ordered events and the e-mail outbox rows they cause. A batch of transitions and the live
 * state behind it are written in one transaction, before anything is announced (SPEC §5).
 */
public final class AlertStore {
    private final Pool pool;
    private final StateStore state;

    public AlertStore(Pool pool, StateStore state) {
        this.pool = pool;
        this.state = state;
    }

    /** A persisted event: its seq, kind and the alert as it was then. */
    public record StoredEvent(long seq, EventKind kind, Alert alert) {
        public JsonObject toJson() {
            return new JsonObject().put("type", "event").put("seq", seq).put("event", kind.name())
                    .put("alert", AlertJson.toJson(alert));
        }
    }

    public Future<List<StoredEvent>> persist(List<Transition> transitions, StateDelta delta, Instant mailDueAt) {
        return persist(transitions, delta, mailDueAt, conn -> Future.succeededFuture());
    }

    /** {@code fence} runs first in the transaction: with several instances it fails when this one no longer owns what it writes. */
    public Future<List<StoredEvent>> persist(List<Transition> transitions, StateDelta delta, Instant mailDueAt,
                                             java.util.function.Function<SqlConnection, Future<Void>> fence) {
        if (transitions.isEmpty() && delta.isEmpty()) return Future.succeededFuture(List.of());
        return pool.withTransaction(conn -> fence.apply(conn).compose(f -> state.write(conn, delta)).compose(v -> {
            Future<List<StoredEvent>> chain = Future.succeededFuture(new ArrayList<>());
            for (Transition t : transitions) {
                chain = chain.compose(list -> persistOne(conn, t, mailDueAt).map(e -> {
                    list.add(e);
                    return list;
                }));
            }
            return chain;
        }));
    }

    private Future<StoredEvent> persistOne(SqlConnection conn, Transition t, Instant mailDueAt) {
        if (t.kind() == EventKind.ACKNOWLEDGED) return acknowledgement(conn, t, mailDueAt);
        Future<Alert> row = t.kind() == EventKind.OPENED ? insert(conn, t.alert()) : update(conn, t.alert());
        return row.compose(alert -> event(conn, t, alert, mailDueAt));
    }

    /**
     * An acknowledgement is also an audit entry (entity alert, code its id) in the same transaction, with who had
     * acknowledged it and how before: a second acknowledgement replaces the comment people read on the alert, and the
     * audit log keeps the first.
     */
    private Future<StoredEvent> acknowledgement(SqlConnection conn, Transition t, Instant mailDueAt) {
        return conn.preparedQuery("SELECT id, state, acknowledged_by, comment FROM alert WHERE fingerprint = $1 "
                        + "AND state IN ('FIRING','ACKNOWLEDGED') FOR UPDATE").execute(Tuple.of(t.alert().fingerprint()))
                .compose(rows -> {
                    Row old = rows.size() == 1 ? rows.iterator().next() : null;
                    JsonObject before = old == null ? null
                            : acknowledgement(old.getString("state"), old.getString("acknowledged_by"), old.getString("comment"));
                    return update(conn, t.alert()).compose(alert -> event(conn, t, alert, mailDueAt).compose(stored -> {
                        JsonObject after = acknowledgement(alert.state().name(), alert.acknowledgedBy(), alert.comment());
                        if (after.equals(before)) return Future.succeededFuture(stored); // the same acknowledgement again
                        return AuditStore.write(conn, alert.acknowledgedBy(), "alert", String.valueOf(alert.id()), "ACKNOWLEDGE",
                                before, after, alert.rule().name() + " " + alert.account() + " " + alert.subject()).map(v -> stored);
                    }));
                });
    }

    /** An alert's acknowledgement as the audit log keeps it, before and after. */
    private static JsonObject acknowledgement(String state, String acknowledgedBy, String comment) {
        return new JsonObject().put("state", state).put("acknowledgedBy", acknowledgedBy).put("comment", comment);
    }

    private Future<StoredEvent> event(SqlConnection conn, Transition t, Alert alert, Instant mailDueAt) {
        return conn.preparedQuery("INSERT INTO alert_event (alert_id, kind, at, payload) VALUES ($1,$2,$3,$4) RETURNING seq")
                .execute(Tuple.of(alert.id(), t.kind().name(), utc(alert.updatedAt()), AlertJson.toJson(alert)))
                .compose(rows -> {
                    long seq = rows.iterator().next().getLong("seq");
                    if (t.recipients().isEmpty()) return Future.succeededFuture(new StoredEvent(seq, t.kind(), alert));
                    List<Tuple> mails = new ArrayList<>();
                    for (String r : t.recipients()) mails.add(Tuple.of(seq, r, utc(mailDueAt)));
                    return conn.preparedQuery("INSERT INTO outbox (event_seq, recipient, due_at) VALUES ($1,$2,$3) "
                                    + "ON CONFLICT (event_seq, recipient) DO NOTHING")
                            .executeBatch(mails).map(x -> new StoredEvent(seq, t.kind(), alert));
                });
    }

    private Future<Alert> insert(SqlConnection conn, Alert a) {
        return conn.preparedQuery("INSERT INTO alert (fingerprint, rule, severity, state, account, client_code, subject, value, "
                        + "\"limit\", cause, cure_by, message, message_en, evidence, opened_at, updated_at, reminded_on, escalated_at) "
                        + "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) RETURNING id")
                .execute(Tuple.of(a.fingerprint(), a.rule().name(), a.severity().name(), a.state().name(), a.account(),
                                a.clientCode()).addString(a.subject()).addBigDecimal(a.value()).addBigDecimal(a.limit())
                        .addString(a.cause().name()).addLocalDate(a.cureBy()).addString(a.message())
                        .addString(a.messageEn()).addValue(new JsonObject(a.evidence()))
                        .addOffsetDateTime(utc(a.openedAt())).addOffsetDateTime(utc(a.updatedAt()))
                        .addLocalDate(a.remindedOn()).addOffsetDateTime(utc(a.escalatedAt())))
                .map(rows -> a.withId(rows.iterator().next().getLong("id")));
    }

    /** Updates the open alert of the fingerprint (the unique index makes it one row) and answers it with its id. */
    private Future<Alert> update(SqlConnection conn, Alert a) {
        return conn.preparedQuery("UPDATE alert SET severity=$2, state=$3, value=$4, \"limit\"=$5, cause=$6, cure_by=$7, "
                        + "message=$8, message_en=$9, evidence=$10, updated_at=$11, resolved_at=$12, acknowledged_by=$13, "
                        + "comment=$14, reminded_on=$15, escalated_at=$16 WHERE fingerprint=$1 AND state IN ('FIRING','ACKNOWLEDGED') RETURNING id")
                .execute(Tuple.of(a.fingerprint(), a.severity().name(), a.state().name(), a.value(), a.limit(), a.cause().name())
                        .addLocalDate(a.cureBy()).addString(a.message()).addString(a.messageEn())
                        .addValue(new JsonObject(a.evidence())).addOffsetDateTime(utc(a.updatedAt()))
                        .addOffsetDateTime(utc(a.resolvedAt())).addString(a.acknowledgedBy()).addString(a.comment())
                        .addLocalDate(a.remindedOn()).addOffsetDateTime(utc(a.escalatedAt())))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture(a.withId(rows.iterator().next().getLong("id")))
                        : Future.failedFuture(new IllegalStateException("no open alert " + a.fingerprint())));
    }

    // ---- reads

    public Future<List<Alert>> open() {
        return pool.query(SELECT + " WHERE a.state IN ('FIRING','ACKNOWLEDGED') ORDER BY a.id").execute()
                .map(rows -> ReferenceStore.map(rows, AlertStore::alert));
    }

    /** One page of a filtered list, with the number of alerts the filter matches in all. */
    public record Page(List<Alert> items, long total) {
    }

    /** Filtered list, newest first; {@code clientCodes} null means every client. */
    public Future<Page> list(boolean openOnly, String rule, String account, String severity,
                             List<String> clientCodes, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE TRUE");
        Tuple params = Tuple.tuple();
        if (openOnly) where.append(" AND a.state IN ('FIRING','ACKNOWLEDGED')");
        if (rule != null) where.append(" AND a.rule = $").append(params.addString(rule).size());
        if (account != null) where.append(" AND a.account = $").append(params.addString(account).size());
        if (severity != null) where.append(" AND a.severity = $").append(params.addString(severity).size());
        if (clientCodes != null) where.append(" AND a.client_code = ANY($").append(params.addArrayOfString(clientCodes.toArray(new String[0])).size()).append(")");
        Future<List<Alert>> items = pool.preparedQuery(SELECT + where + " ORDER BY a.updated_at DESC, a.id DESC LIMIT " + limit
                + " OFFSET " + offset).execute(params).map(rows -> ReferenceStore.map(rows, AlertStore::alert));
        Future<Long> total = pool.preparedQuery("SELECT count(*) AS n FROM alert a" + where).execute(params)
                .map(rows -> rows.iterator().next().getLong("n"));
        return Future.all(items, total).map(v -> new Page(items.result(), total.result()));
    }

    public Future<Optional<Alert>> byId(long id) {
        return pool.preparedQuery(SELECT + " WHERE a.id = $1").execute(Tuple.of(id))
                .map(rows -> ReferenceStore.first(rows).map(AlertStore::alert));
    }

    public Future<Long> lastSeq() {
        return pool.query("SELECT coalesce(max(seq), 0) AS s FROM alert_event").execute()
                .map(rows -> rows.iterator().next().getLong("s"));
    }

    /** Events after {@code since}, oldest first, for a WebSocket client catching up (SPEC §6 ?since=). */
    public Future<List<StoredEvent>> eventsSince(long since, int max) {
        return pool.preparedQuery("SELECT seq, kind, payload FROM alert_event WHERE seq > $1 ORDER BY seq LIMIT $2")
                .execute(Tuple.of(since, max))
                .map(rows -> ReferenceStore.map(rows, r -> new StoredEvent(r.getLong("seq"), EventKind.valueOf(r.getString("kind")),
                        AlertJson.fromJson((JsonObject) r.getValue("payload")))));
    }

    /** These events, oldest first: what another instance announced it wrote (issue 7). */
    public Future<List<StoredEvent>> events(List<Long> seqs) {
        if (seqs.isEmpty()) return Future.succeededFuture(List.of());
        return pool.preparedQuery("SELECT seq, kind, payload FROM alert_event WHERE seq = ANY($1) ORDER BY seq")
                .execute(Tuple.of(seqs.toArray(new Long[0])))
                .map(rows -> ReferenceStore.map(rows, r -> new StoredEvent(r.getLong("seq"), EventKind.valueOf(r.getString("kind")),
                        AlertJson.fromJson((JsonObject) r.getValue("payload")))));
    }

    /**
     * The open alerts of the given accounts or clients that this recipient has been written to about, except
     * {@code excluded}: what a digest lists as still open beside the lines it reports (C22).
     */
    public Future<List<Alert>> stillOpenFor(String recipient, List<String> accounts, List<String> clientCodes, List<Long> excluded) {
        return pool.preparedQuery(SELECT + " WHERE a.state IN ('FIRING','ACKNOWLEDGED') "
                        + "AND (a.account = ANY($2) OR a.client_code = ANY($3)) AND NOT (a.id = ANY($4)) "
                        + "AND EXISTS (SELECT 1 FROM alert_event e JOIN outbox o ON o.event_seq = e.seq "
                        + "WHERE e.alert_id = a.id AND o.recipient = $1) ORDER BY a.id")
                .execute(Tuple.of(recipient, accounts.toArray(new String[0]), clientCodes.toArray(new String[0]),
                        excluded.toArray(new Long[0])))
                .map(rows -> ReferenceStore.map(rows, AlertStore::alert));
    }

    private static final String SELECT = "SELECT a.*, c.name AS client_name FROM alert a LEFT JOIN client c ON c.code = a.client_code";

    private static Alert alert(Row r) {
        return new Alert(r.getLong("id"), r.getString("fingerprint"), Rule.valueOf(r.getString("rule")),
                Severity.valueOf(r.getString("severity")), AlertState.valueOf(r.getString("state")), r.getString("account"),
                r.getString("client_code"), r.getString("client_name"), r.getString("subject"), r.getBigDecimal("value"),
                r.getBigDecimal("limit"), Cause.valueOf(r.getString("cause")), r.getLocalDate("cure_by"),
                r.getString("message"), r.getString("message_en"), ((JsonObject) r.getValue("evidence")).getMap(),
                instant(r.getOffsetDateTime("opened_at")), instant(r.getOffsetDateTime("updated_at")),
                instant(r.getOffsetDateTime("resolved_at")), r.getString("acknowledged_by"), r.getString("comment"),
                r.getLocalDate("reminded_on"), instant(r.getOffsetDateTime("escalated_at")));
    }

    static OffsetDateTime utc(Instant t) { return t == null ? null : t.atOffset(ZoneOffset.UTC); }

    private static Instant instant(OffsetDateTime t) { return t == null ? null : t.toInstant(); }
}
