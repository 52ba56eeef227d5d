package com.mandatewatch.bench.drools;

public class Trade {
    private final int acct;
    private final int sec;
    private final long qty;

    public Trade(int acct, int sec, long qty) {
        this.acct = acct;
        this.sec = sec;
        this.qty = qty;
    }

    public int getAcct() { return acct; }

    public int getSec() { return sec; }

    public long getQty() { return qty; }
}
