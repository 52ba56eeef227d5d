package com.mandatewatch.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** Read side of account_return for the reports: the latest cumulative return of every account, exact. */
public final class ReturnStore {
    private final Pool pool;

    public ReturnStore(Pool pool) {
        this.pool = pool;
    }

    public Future<Map<String, BigDecimal>> cumulativeReturns() {
        return pool.query("SELECT account, cumulative_return FROM account_return").execute().map(rows -> {
            Map<String, BigDecimal> out = new HashMap<>();
            rows.forEach(r -> out.put(r.getString("account"), r.getBigDecimal("cumulative_return")));
            return out;
        });
    }
}
