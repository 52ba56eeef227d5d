package com.mandatewatch.bench.drools;

public class PriceTick {
    private final int sec;
    private final long price;

    public PriceTick(int sec, long price) {
        this.sec = sec;
        this.price = price;
    }

    public int getSec() { return sec; }

    public long getPrice() { return price; }
}
