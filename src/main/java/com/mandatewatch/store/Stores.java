package com.mandatewatch.store;

import io.vertx.sqlclient.Pool;

/** Every store of an instance, over its one pool. */
public record Stores(ReferenceStore reference, UserStore users, StateStore state, AlertStore alerts, OutboxStore outbox,
                     DisclosureStore disclosures) {
    public static Stores over(Pool pool) {
        ReferenceStore reference = new ReferenceStore(pool);
        StateStore state = new StateStore(pool, reference);
        return new Stores(reference, new UserStore(pool), state, new AlertStore(pool, state), new OutboxStore(pool),
                new DisclosureStore(pool));
    }
}
