package com.mandatewatch.store;

import com.mandatewatch.domain.*;
import com.mandatewatch.json.DomainJson;
import com.mandatewatch.json.Fields;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Clients, contracts and securities: the reference data the engine watches and the API edits. */
public final class ReferenceStore {
    private final Pool pool;

    public ReferenceStore(Pool pool) {
        this.pool = pool;
    }

    // ---- clients

    public Future<List<Client>> clients() {
        return pool.query("SELECT * FROM client ORDER BY code").execute().map(rows -> map(rows, ReferenceStore::client));
    }

    public Future<Optional<Client>> client(String code) {
        return pool.preparedQuery("SELECT * FROM client WHERE code = $1").execute(Tuple.of(code))
                .map(rows -> first(rows).map(ReferenceStore::client));
    }

    /** Inserts a new client; false when the code exists already. */
    public Future<Boolean> insertClient(Client c) { return insertClient(pool, c); }

    public Future<Boolean> insertClient(SqlClient sql, Client c) {
        return sql.preparedQuery("INSERT INTO client (code, name, nature, manager, stage, status) VALUES ($1,$2,$3,$4,$5,$6) "
                        + "ON CONFLICT (code) DO NOTHING")
                .execute(Tuple.of(c.code(), c.name(), c.nature().name(), c.manager(), c.stage().name(), c.status().name()))
                .map(r -> r.rowCount() == 1);
    }

    public Future<Boolean> updateClient(Client c) {
        return pool.preparedQuery("UPDATE client SET name=$2, nature=$3, manager=$4, stage=$5, version=version+1, "
                        + "updated_at=now() WHERE code=$1")
                .execute(Tuple.of(c.code(), c.name(), c.nature().name(), c.manager(), c.stage().name()))
                .map(r -> r.rowCount() == 1);
    }

    /**
     * Updates a client only if it is still at {@code version} (C38): the check is in the statement itself, so of two
     * writes racing from the same version exactly one matches; false when the version moved on (or no such client).
     */
    public Future<Boolean> updateClient(SqlClient sql, Client c, int version) {
        return sql.preparedQuery("UPDATE client SET name=$2, nature=$3, manager=$4, stage=$5, version=version+1, "
                        + "updated_at=now() WHERE code=$1 AND version=$6")
                .execute(Tuple.of(c.code(), c.name(), c.nature().name(), c.manager(), c.stage().name(), version))
                .map(r -> r.rowCount() == 1);
    }

    static Client client(Row r) {
        return new Client(r.getString("code"), r.getString("name"), ClientNature.valueOf(r.getString("nature")),
                r.getString("manager"), LifecycleStage.valueOf(r.getString("stage")),
                RecordStatus.valueOf(r.getString("status")));
    }

    // ---- contracts

    public Future<List<Contract>> contracts() {
        return pool.query("SELECT * FROM contract ORDER BY code").execute().map(rows -> map(rows, ReferenceStore::contract));
    }

    public Future<Optional<Contract>> contract(String code) {
        return pool.preparedQuery("SELECT * FROM contract WHERE code = $1").execute(Tuple.of(code))
                .map(rows -> first(rows).map(ReferenceStore::contract));
    }

    public Future<Boolean> insertContract(Contract c) { return insertContract(pool, c); }

    public Future<Boolean> insertContract(SqlClient sql, Contract c) {
        return sql.preparedQuery("INSERT INTO contract (code, client_code, account, amount, start_date, maturity_date, type, "
                        + "status, target_return, return_band, limits, excluded, expected_renewal, trading_manager, record_status) "
                        + "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15) ON CONFLICT (code) DO NOTHING")
                .execute(contractTuple(c).addString(c.recordStatus().name()))
                .map(r -> r.rowCount() == 1);
    }

    public Future<Boolean> updateContract(Contract c) {
        return pool.preparedQuery("UPDATE contract SET client_code=$2, account=$3, amount=$4, start_date=$5, maturity_date=$6, "
                        + "type=$7, status=$8, target_return=$9, return_band=$10, limits=$11, excluded=$12, expected_renewal=$13, "
                        + "trading_manager=$14, version=version+1, updated_at=now() WHERE code=$1")
                .execute(contractTuple(c)).map(r -> r.rowCount() == 1);
    }

    /** Like {@link #updateClient(SqlClient, Client, int)}: only from {@code version}, checked by the statement. */
    public Future<Boolean> updateContract(SqlClient sql, Contract c, int version) {
        return sql.preparedQuery("UPDATE contract SET client_code=$2, account=$3, amount=$4, start_date=$5, maturity_date=$6, "
                        + "type=$7, status=$8, target_return=$9, return_band=$10, limits=$11, excluded=$12, expected_renewal=$13, "
                        + "trading_manager=$14, version=version+1, updated_at=now() WHERE code=$1 AND version=$15")
                .execute(contractTuple(c).addInteger(version)).map(r -> r.rowCount() == 1);
    }

    private static Tuple contractTuple(Contract c) {
        return Tuple.of(c.code(), c.clientCode(), c.account(), c.amount(), c.startDate(), c.maturityDate())
                .addString(c.type().name()).addString(c.status().name()).addBigDecimal(c.targetReturn())
                .addValue(DomainJson.band(c.returnBand())).addValue(DomainJson.limits(c.limits()))
                .addValue(DomainJson.exclusions(c.excluded())).addBigDecimal(c.expectedRenewal())
                .addString(c.tradingManager());
    }

    static Contract contract(Row r) {
        Fields stored = new Fields(new JsonObject().put("returnBand", r.getJsonObject("return_band"))
                .put("limits", r.getJsonObject("limits")).put("excluded", r.getJsonObject("excluded")));
        return new Contract(r.getString("code"), r.getString("client_code"), r.getString("account"),
                r.getBigDecimal("amount"), r.getLocalDate("start_date"), r.getLocalDate("maturity_date"),
                ContractType.valueOf(r.getString("type")), ContractStatus.valueOf(r.getString("status")),
                r.getBigDecimal("target_return"), DomainJson.band(stored.object("returnBand")),
                DomainJson.limits(stored.object("limits")), DomainJson.exclusions(stored.object("excluded")),
                r.getBigDecimal("expected_renewal"), r.getString("trading_manager"),
                RecordStatus.valueOf(r.getString("record_status")));
    }

    // ---- securities

    public Future<List<Security>> securities() {
        return pool.query("SELECT * FROM security ORDER BY code").execute().map(rows -> map(rows, ReferenceStore::security));
    }

    public Future<Void> upsertSecurities(SqlClient sql, List<Security> securities, java.time.OffsetDateTime ts) {
        if (securities.isEmpty()) return Future.succeededFuture();
        List<Tuple> batch = new ArrayList<>();
        for (Security s : securities) {
            batch.add(Tuple.of(s.code(), s.name(), s.kind().name(), s.issuer(), s.totalShares(),
                    s.flags().toArray(new String[0]), ts));
        }
        return sql.preparedQuery("INSERT INTO security (code, name, kind, issuer, total_shares, flags, ts) VALUES ($1,$2,$3,$4,$5,$6,$7) "
                        + "ON CONFLICT (code) DO UPDATE SET name=EXCLUDED.name, kind=EXCLUDED.kind, issuer=EXCLUDED.issuer, "
                        + "total_shares=EXCLUDED.total_shares, flags=EXCLUDED.flags, ts=EXCLUDED.ts")
                .executeBatch(batch).mapEmpty();
    }

    private static Security security(Row r) {
        String[] flags = r.getArrayOfStrings("flags");
        return new Security(r.getString("code"), r.getString("name"), SecurityKind.valueOf(r.getString("kind")),
                r.getString("issuer"), r.getLong("total_shares"), flags == null ? Set.of() : Set.copyOf(java.util.Arrays.asList(flags)));
    }

    // ---- helpers

    static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> f) {
        List<T> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(f.apply(r)));
        return out;
    }

    static Optional<Row> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }
}
