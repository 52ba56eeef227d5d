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

    Ownership WHOLE = new Ownership() {
        @Override public boolean owns(String account) { return true; }

        @Override public boolean leads() { return true; }

        @Override public boolean shared() { return false; }
    };
}
