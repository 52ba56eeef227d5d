package com.mandatewatch.domain;

import java.math.BigDecimal;

/** Inclusive band {@code [low, high]} for a contract's cumulative return; either end may be null (open). */
public record ReturnBand(BigDecimal low, BigDecimal high) {
}
