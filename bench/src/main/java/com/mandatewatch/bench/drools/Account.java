package com.mandatewatch.bench.drools;

import com.mandatewatch.bench.Workload;

/** An account fact: NAV and kind sums (kept by the rules), its last return, and its mandate. */
public class Account {
    private final int id;
    private final Workload.Mandate mandate;
    private final int[] limitedKinds;
    private long nav;
    private long[] kinds = new long[6];
    private long ret;
    private boolean hasReturn;

    public Account(int id, Workload.Mandate mandate, int[] limitedKinds) {
        this.id = id;
        this.mandate = mandate;
        this.limitedKinds = limitedKinds;
    }

    public int getId() { return id; }

    public Workload.Mandate getMandate() { return mandate; }

    public java.util.List<Integer> getLimitedKinds() {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (int k : limitedKinds) out.add(k);
        return out;
    }

    public long getNav() { return nav; }

    public void setNav(long nav) { this.nav = nav; }

    public long[] getKinds() { return kinds; }

    public void setKinds(long[] kinds) { this.kinds = kinds; }

    public long kind(int k) { return kinds[k]; }

    /** The value a stock must exceed to be flagged at this NAV: computed once per account change, not per holding. */
    public long getSingleLine() { return Rules.line(mandate, nav); }

    public long getRet() { return ret; }

    public void setRet(long ret) { this.ret = ret; }

    public boolean isHasReturn() { return hasReturn; }

    public void setHasReturn(boolean hasReturn) { this.hasReturn = hasReturn; }
}
