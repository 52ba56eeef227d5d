package com.mandatewatch.engine;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.util.Collection;
import java.util.List;

/**
 * What the engine needs from the other instances that share its database (issue 7): which accounts it owns now,
 * a check inside each write that it still owns what it writes, and a way to tell the others what it wrote. A
 * single instance is {@link #SOLO}: it owns everything, nobody else is told anything.
 */
public interface ClusterLink {
    /** The ownership in force now; the engine is rebuilt on {@link Bus#OWNERSHIP_CHANGED}. */
    Ownership ownership();

    /**
     * In the write's transaction: fails unless this instance still owns these accounts and, with {@code firmWide},
     * still leads. A former owner whose write was in flight during a hand-over fails here instead of landing it.
     */
    Future<Void> fence(SqlConnection conn, Collection<String> accounts, boolean firmWide);

    /** After the commit: the other instances' WebSocket clients get these events; the leader re-reads these securities. */
    void announce(List<Long> eventSeqs, Collection<String> positionCodes);

    /** After a disclosure was filed here: the others learn the new base of that security's ladder. */
    void announceFiled(String code, String ratio);

    ClusterLink SOLO = new ClusterLink() {
        @Override public Ownership ownership() { return Ownership.WHOLE; }

        @Override public Future<Void> fence(SqlConnection conn, Collection<String> accounts, boolean firmWide) {
            return Future.succeededFuture();
        }

        @Override public void announce(List<Long> eventSeqs, Collection<String> positionCodes) { }

        @Override public void announceFiled(String code, String ratio) { }
    };
}
