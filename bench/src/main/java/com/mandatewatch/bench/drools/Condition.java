package com.mandatewatch.bench.drools;

/** A condition that holds (trail key and severity), inserted logically: it lives exactly as long as its reason. */
public class Condition {
    private final long key;
    private final int severity;

    public Condition(long key, int severity) {
        this.key = key;
        this.severity = severity;
    }

    public long getKey() { return key; }

    public int getSeverity() { return severity; }
}
