package com.mandatewatch.domain;

import java.math.BigDecimal;

/** An optional minimum and maximum weight, as fractions of NAV ({@code 0.60} = 60%). */
public record Bounds(BigDecimal min, BigDecimal max) {
    public static final Bounds NONE = new Bounds(null, null);
}
