package com.mandatewatch.rules;

import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One position of an account as the rules see it: at most one per code. {@code price} is null while no price has
 * arrived, {@code security} null while no reference data has; cash ({@code CASH} or kind CASH) needs neither.
 */
public record Holding(String code, BigDecimal quantity, BigDecimal price, Security security) {
    public Holding {
        Objects.requireNonNull(code, "code");
        quantity = quantity == null ? BigDecimal.ZERO : quantity;
    }

    /** Cash is valued at 1 per unit whether or not a price or reference data came. */
    public boolean isCash() {
        return Security.CASH_CODE.equals(code) || (security != null && security.kind() == SecurityKind.CASH);
    }

    /** The kind the mandate limits it by: cash counts as CASH even without reference data. */
    public SecurityKind kind() {
        if (isCash()) {
            return SecurityKind.CASH;
        }
        return security == null ? null : security.kind();
    }

    /** The price it is valued at, or null when it cannot be valued yet. */
    public BigDecimal effectivePrice() {
        if (isCash()) {
            return price == null ? BigDecimal.ONE : price;
        }
        return security == null ? null : price;
    }

    /** True when a market value can be computed. */
    public boolean isValued() {
        return effectivePrice() != null;
    }

    /** quantity × price, or null when not valued. */
    public BigDecimal marketValue() {
        BigDecimal p = effectivePrice();
        return p == null ? null : quantity.multiply(p);
    }
}
