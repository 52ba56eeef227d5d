package com.mandatewatch.domain;

/**
 * What made a condition true: TRADE (a position change: an active breach), PRICE (price drift: a passive
 * breach), REFERENCE (reference data such as total shares), SCHEDULE (the calendar).
 */
public enum Cause { TRADE, PRICE, REFERENCE, SCHEDULE }
