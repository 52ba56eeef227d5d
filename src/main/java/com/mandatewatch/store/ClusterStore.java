package com.mandatewatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The tables and locks through which several instances on one database agree (issue 7): who is alive and where,
 * which instance owns which account partition, which one leads (a session-level advisory lock), and the
 * {@value #CHANNEL} notifications by which they tell each other what they wrote.
 */
public final class ClusterStore {
    public static final String CHANNEL = "mw_cluster";
    /** The leader's advisory lock, as the pair pg_locks shows it (classid, objid): "MW", "LEAD". */
    public static final int LOCK_CLASS = 0x4d57, LOCK_OBJECT = 0x4c454144;
    /** A member not seen for this long is not asked anything. */
    private static final int MEMBER_SECONDS = 15;

    private final Pool pool;

    public ClusterStore(Pool pool) {
        this.pool = pool;
    }

    public Future<Void> heartbeat(String instanceId, String url) {
        return pool.preparedQuery("INSERT INTO cluster_member (instance_id, url, seen_at) VALUES ($1, $2, now()) "
                + "ON CONFLICT (instance_id) DO UPDATE SET url = EXCLUDED.url, seen_at = now()").execute(Tuple.of(instanceId, url)).mapEmpty();
    }

    public Future<Void> leave(String instanceId) {
        return pool.preparedQuery("DELETE FROM cluster_member WHERE instance_id = $1").execute(Tuple.of(instanceId)).mapEmpty();
    }

    /** The base URLs of the other live instances. */
    public Future<List<String>> peers(String instanceId) {
        return pool.preparedQuery("SELECT url FROM cluster_member WHERE instance_id <> $1 AND seen_at > now() - make_interval(secs => $2) ORDER BY instance_id")
                .execute(Tuple.of(instanceId, MEMBER_SECONDS))
                .map(rows -> ReferenceStore.map(rows, r -> r.getString("url")));
    }

    /**
     * Takes these partitions over. The UPDATE waits for a former owner's write that holds its row (see {@link #fence}),
     * so what that owner stored is in the database before this instance reads its state back.
     */
    public Future<Void> take(String instanceId, Collection<Integer> partitions) {
        if (partitions.isEmpty()) return Future.succeededFuture();
        List<Tuple> rows = new ArrayList<>();
        partitions.forEach(p -> rows.add(Tuple.of(p, instanceId)));
        return pool.preparedQuery("INSERT INTO account_partition (partition, instance_id, since) VALUES ($1, $2, now()) "
                + "ON CONFLICT (partition) DO UPDATE SET instance_id = EXCLUDED.instance_id, since = now()").executeBatch(rows).mapEmpty();
    }

    /** In a write's transaction: holds this instance's partition rows, and fails unless it owns them all. */
    public Future<Void> fence(SqlConnection conn, String instanceId, Collection<Integer> partitions) {
        if (partitions.isEmpty()) return Future.succeededFuture();
        return conn.preparedQuery("SELECT partition FROM account_partition WHERE partition = ANY($1) AND instance_id = $2 FOR SHARE")
                .execute(Tuple.of(partitions.toArray(new Integer[0]), instanceId))
                .compose(rows -> rows.size() == partitions.size() ? Future.succeededFuture()
                        : Future.failedFuture(new OwnershipMoved("account partitions " + partitions + " are no longer all owned by " + instanceId)));
    }

    /** In a write's transaction: fails unless the session {@code leaderPid} still holds the leader's lock. */
    public Future<Void> fenceLeader(SqlConnection conn, int leaderPid) {
        return conn.preparedQuery("SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid::bigint = $1 AND objid::bigint = $2 "
                        + "AND objsubid = 2 AND granted AND pid = $3").execute(Tuple.of((long) LOCK_CLASS, (long) LOCK_OBJECT, leaderPid))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture()
                        : Future.failedFuture(new OwnershipMoved("this instance no longer leads")));
    }

    public Future<Void> notify(String payload) {
        return pool.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload)).mapEmpty();
    }

    /** A write refused because another instance owns what it would change now. */
    public static final class OwnershipMoved extends RuntimeException {
        public OwnershipMoved(String message) {
            super(message, null, false, false);
        }
    }
}
