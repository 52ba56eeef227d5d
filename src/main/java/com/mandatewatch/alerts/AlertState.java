package com.mandatewatch.alerts;

/** Lifecycle of an alert (SPEC §5): open while FIRING or ACKNOWLEDGED. */
public enum AlertState {
    FIRING, ACKNOWLEDGED, RESOLVED;

    public boolean open() { return this != RESOLVED; }
}
