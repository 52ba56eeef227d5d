package com.mandatewatch.engine;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/** Event-bus addresses between the verticles, and the pass-by-reference codec for in-process messages. */
public final class Bus {
    /** request: {@link FeedBatch} → reply {@link Engine.Result} counts as JSON. */
    public static final String FEED = "mw.feed";
    /** send: reference data changed in the database; the engine reloads its directory. */
    public static final String REFERENCE_CHANGED = "mw.reference.changed";
    /** request: {"id","user","comment"} → reply the alert JSON, or fail 404. */
    public static final String ACK = "mw.alert.ack";
    /** request: account code → the account's live view as JSON, or fail 404. */
    public static final String ACCOUNT = "mw.account";
    /** request: {"code","ratio"} of a filed disclosure → reply {} once the engine re-measured that security. */
    public static final String DISCLOSURE_FILED = "mw.disclosure.filed";
    /** publish: each persisted alert event, {"type":"event","seq",...} (SPEC §6). */
    public static final String ALERT_EVENTS = "mw.alert.events";
    /** request: ownership of accounts or leadership changed (issue 7); the engine rebuilds itself, then replies. */
    public static final String OWNERSHIP_CHANGED = "mw.ownership.changed";
    /** send: JSON array of security codes whose positions changed on some instance; the leading engine re-reads their holdings. */
    public static final String FIRM_CHANGED = "mw.firm.changed";
    /** send: {"actor","path","detail"} of a signed-in caller refused by role or ownership; written to the audit log. */
    public static final String ACCESS_DENIED = "mw.access.denied";
    /** Header on a message that came from another instance: it is not passed on again. */
    public static final String REMOTE = "mw-remote";
    /** Header on an alert event: System.nanoTime() when the feed batch behind it came in (tick-to-push latency). */
    public static final String RECEIVED_NANOS = "mw-received-nanos";

    private Bus() {
    }

    /** Passes immutable objects between verticles of one process without copying or serialising them. */
    public static final class LocalCodec<T> implements MessageCodec<T, T> {
        private final Class<T> type;

        public LocalCodec(Class<T> type) { this.type = type; }

        @Override public void encodeToWire(Buffer buffer, T t) { throw new UnsupportedOperationException("local only"); }

        @Override public T decodeFromWire(int pos, Buffer buffer) { throw new UnsupportedOperationException("local only"); }

        @Override public T transform(T t) { return t; }

        @Override public String name() { return "local-" + type.getName(); }

        @Override public byte systemCodecID() { return -1; }
    }
}
