package com.mandatewatch.bench.drools;

/** A security fact: its last price, kind, total shares, ST flag, issuer, and the firm's quantity held. */
public class Security {
    private final int id;
    private final int kind;
    private final int issuer;
    private long price;
    private long total;
    private boolean st;
    private long firmQty;

    public Security(int id, int kind, int issuer, long price, long total, boolean st) {
        this.id = id;
        this.kind = kind;
        this.issuer = issuer;
        this.price = price;
        this.total = total;
        this.st = st;
    }

    public int getId() { return id; }

    public int getKind() { return kind; }

    public int getIssuer() { return issuer; }

    public long getPrice() { return price; }

    public void setPrice(long price) { this.price = price; }

    public long getTotal() { return total; }

    public void setTotal(long total) { this.total = total; }

    public boolean isSt() { return st; }

    public void setSt(boolean st) { this.st = st; }

    public long getFirmQty() { return firmQty; }

    public void setFirmQty(long firmQty) { this.firmQty = firmQty; }
}
