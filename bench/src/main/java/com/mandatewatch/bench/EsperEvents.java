package com.mandatewatch.bench;

/** The input events of the Esper formulation: plain beans, as Esper reads them fastest. */
public final class EsperEvents {
    private EsperEvents() {
    }

    public static final class PriceTick {
        private final int sec;
        private final long price;

        public PriceTick(int sec, long price) {
            this.sec = sec;
            this.price = price;
        }

        public int getSid() { return sec; }

        public long getPrice() { return price; }
    }

    public static final class Trade {
        private final int acct;
        private final int sec;
        private final long qty;

        public Trade(int acct, int sec, long qty) {
            this.acct = acct;
            this.sec = sec;
            this.qty = qty;
        }

        public int getAcct() { return acct; }

        public int getSid() { return sec; }

        public long getQty() { return qty; }
    }

    public static final class ReturnUpdate {
        private final int acct;
        private final long ret;

        public ReturnUpdate(int acct, long ret) {
            this.acct = acct;
            this.ret = ret;
        }

        public int getAcct() { return acct; }

        public long getRet() { return ret; }
    }

    /** Reference data of a security: its first appearance (with price and kind) or a later change. */
    public static final class SecurityChange {
        private final int sec;
        private final long price;
        private final int kind;
        private final long total;
        private final boolean st;

        public SecurityChange(int sec, long price, int kind, long total, boolean st) {
            this.sec = sec;
            this.price = price;
            this.kind = kind;
            this.total = total;
            this.st = st;
        }

        public int getSid() { return sec; }

        public long getPrice() { return price; }

        public int getKind() { return kind; }

        public long getTotal() { return total; }

        public boolean isSt() { return st; }
    }
}
