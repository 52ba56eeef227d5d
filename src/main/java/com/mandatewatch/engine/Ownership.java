package com.mandatewatch.engine;

/**
 * What one engine evaluates when several instances share the accounts (issue 7): the accounts it owns, and
 * whether it leads, that is evaluates the firm-wide rules (disclosure over every instance's accounts, feed
 * staleness). A single instance owns everything and leads. Immutable: a change of ownership rebuilds the engine.
 */
public interface Ownership {
    boolean owns(String account);

    boolean leads();

    /** True when other instances own accounts too, so firm-wide totals come from the database, not this book. */
    boolean shared();

    /**
     * The key under which a message's {@code id} is remembered as applied (SPEC §3: a repeated id is ignored). An
     * account's message is applied once, by its owner; a message every instance applies (a price) is remembered per
     * instance, or the first instance to apply it would make the others skip it as a repeat.
     */
    default String idempotencyKey(com.mandatewatch.feed.FeedEvent e) {
        return e.id();
    }

    Ownership WHOLE = new Ownership() {
        @Override public boolean owns(String account) { return true; }

        @Override public boolean leads() { return true; }

        @Override public boolean shared() { return false; }
    };
}
