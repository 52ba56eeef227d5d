package com.mandatewatch.bench.drools;

public class ReturnUpdate {
    private final int acct;
    private final long ret;

    public ReturnUpdate(int acct, long ret) {
        this.acct = acct;
        this.ret = ret;
    }

    public int getAcct() { return acct; }

    public long getRet() { return ret; }
}
