package com.mandatewatch.bench.drools;

/** A holding fact: quantity and market value (quantity × price, kept by the rules). */
public class Position {
    private final int acct;
    private final int sec;
    private final int kind;
    private long qty;
    private long value;

    public Position(int acct, int sec, int kind) {
        this.acct = acct;
        this.sec = sec;
        this.kind = kind;
    }

    public int getAcct() { return acct; }

    public int getSec() { return sec; }

    public int getKind() { return kind; }

    public long getQty() { return qty; }

    public void setQty(long qty) { this.qty = qty; }

    public long getValue() { return value; }

    public void setValue(long value) { this.value = value; }
}
