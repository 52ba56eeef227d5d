package com.mandatewatch.bench.drools;

public class SecurityChange {
    private final int sec;
    private final long total;
    private final boolean st;

    public SecurityChange(int sec, long total, boolean st) {
        this.sec = sec;
        this.total = total;
        this.st = st;
    }

    public int getSec() { return sec; }

    public long getTotal() { return total; }

    public boolean isSt() { return st; }
}
