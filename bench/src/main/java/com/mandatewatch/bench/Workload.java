package com.mandatewatch.bench;

import com.mandatewatch.domain.Bounds;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Exclusions;
import com.mandatewatch.domain.Limits;
import com.mandatewatch.domain.RecordStatus;
import com.mandatewatch.domain.ReturnBand;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.engine.ledger.Scaled;
import com.mandatewatch.rules.ScaledRatio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One fixed-seed workload, identical for every engine: securities, accounts with their holdings and mandates, and
 * the event sequence (price ticks, trades, returns, reference changes). Quantities and prices are scaled longs
 * (10^4), returns scaled by 10^4, thresholds by 10^18. Generated once; engines only read it.
 */
public final class Workload {
    public static final byte PRICE = 0;
    public static final byte TRADE = 1;
    public static final byte RETURN = 2;
    public static final byte SECURITY = 3;

    static final int STOCK = SecurityKind.STOCK.ordinal();
    static final int BOND = SecurityKind.BOND.ordinal();
    static final int FUND = SecurityKind.FUND.ordinal();
    static final int CASH = SecurityKind.CASH.ordinal();
    static final long UNIT = 10_000L; // scale 4
    static final long CASH_PRICE = UNIT;

    public final String name;
    public final long seed;
    /** Securities 0 … n−1 trade; security n is CASH (kind CASH, worth 1, never ticks). */
    public final int securities;
    public final int cash;
    public final String[] code;
    public final int[] kind;
    public final int[] issuer;
    public final long[] initialPrice;
    public final long[] initialTotalShares;
    public final boolean[] initialSt;

    /** Regular accounts, then a few small edge accounts whose positions get closed (NAV 0: DATA_QUALITY). */
    public final int accounts;
    public final String[] account;
    public final int[][] holdingSecurity;
    public final long[][] holdingQuantity;
    public final long[] initialReturn;
    public final Contract[] contract;
    public final Mandate[] mandate;

    public final byte[] type;
    public final int[] x;
    public final int[] y;
    public final long[] v;
    /** Live holders the price ticks touch, summed over the whole sequence (the position updates). */
    public final long positionUpdates;
    public final long initialPositions;

    /** A mandate as plain scaled numbers, for the peers (the ledger compiles the Contract itself). */
    public static final class Mandate {
        public final long[] min18 = new long[6];
        public final long[] max18 = new long[6];
        public final long[] warn18 = new long[6];
        public long singleMax18 = ScaledRatio.ABSENT;
        public long singleWarn18 = ScaledRatio.ABSENT;
        public long low4;
        public long high4;
        public boolean guaranteed;
        public final Set<Integer> excludedCodes = new HashSet<>();
        public int excludedIssuer = -1;
        public boolean excludesSt;

        Mandate() {
            Arrays.fill(min18, ScaledRatio.ABSENT);
            Arrays.fill(max18, ScaledRatio.ABSENT);
            Arrays.fill(warn18, ScaledRatio.ABSENT);
        }

        public boolean excludes(int sec, int issuerOfSec, boolean st) {
            return excludedCodes.contains(sec) || (excludedIssuer >= 0 && issuerOfSec == excludedIssuer) || (excludesSt && st);
        }
    }

    public Workload(String name, int regularAccounts, int holdings, int securities, long ticks, long seed) {
        this.name = name;
        this.seed = seed;
        boolean zipf = name.equals("zipf");
        SplittableRandom r = new SplittableRandom(seed);
        this.securities = securities;
        this.cash = securities;
        int edge = Math.max(2, regularAccounts / 200);
        this.accounts = regularAccounts + edge;
        code = new String[securities + 1];
        kind = new int[securities + 1];
        issuer = new int[securities + 1];
        initialPrice = new long[securities + 1];
        initialTotalShares = new long[securities + 1];
        initialSt = new boolean[securities + 1];
        for (int s = 0; s < securities; s++) {
            code[s] = String.format("S%04d", s);
            int k = s % 10;
            kind[s] = k < 7 ? STOCK : k < 9 ? BOND : FUND;
            issuer[s] = s % 500;
            initialPrice[s] = (2 + r.nextInt(198)) * UNIT + r.nextInt(100) * 100L; // 2.00 … 199.99
            initialSt[s] = r.nextInt(100) == 0;
        }
        code[cash] = "CASH";
        kind[cash] = CASH;
        issuer[cash] = -1;
        initialPrice[cash] = CASH_PRICE;
        // popularity: Zipf s=1.0 over a shuffled rank order (kinds mixed), or uniform
        int[] byRank = new int[securities];
        for (int i = 0; i < securities; i++) byRank[i] = i;
        for (int i = securities - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = byRank[i];
            byRank[i] = byRank[j];
            byRank[j] = t;
        }
        double[] cdf = new double[securities];
        double sum = 0;
        for (int i = 0; i < securities; i++) {
            sum += zipf ? 1.0 / (i + 1) : 1.0;
            cdf[i] = sum;
        }
        for (int i = 0; i < securities; i++) cdf[i] /= sum;
        Picker pick = () -> {
            int i = Arrays.binarySearch(cdf, r.nextDouble());
            return byRank[Math.min(securities - 1, i >= 0 ? i : -i - 1)];
        };

        account = new String[accounts];
        holdingSecurity = new int[accounts][];
        holdingQuantity = new long[accounts][];
        initialReturn = new long[accounts];
        contract = new Contract[accounts];
        mandate = new Mandate[accounts];
        long[] firm = new long[securities + 1];
        long positions = 0;
        for (int a = 0; a < accounts; a++) {
            account[a] = String.format("A%05d", a);
            boolean small = a >= regularAccounts;
            int n = small ? 1 : holdings - 1;
            Set<Integer> chosen = new HashSet<>();
            while (chosen.size() < n) chosen.add(pick.next());
            int[] secs = new int[n + 1];
            long[] qty = new long[n + 1];
            double target = 1e7 * Math.exp(r.nextDouble() * 4.6); // 1千万 … 10亿
            double[] w = new double[n];
            double wsum = 0;
            int i = 0;
            for (int s : chosen) {
                secs[i] = s;
                w[i] = Math.exp(0.9 * gaussian(r));
                wsum += w[i++];
            }
            for (i = 0; i < n; i++) {
                double value = target * 0.95 * w[i] / wsum;
                long shares = Math.max(100, Math.round(value / (initialPrice[secs[i]] / (double) UNIT) / 100) * 100);
                qty[i] = shares * UNIT;
                firm[secs[i]] += qty[i];
            }
            secs[n] = cash;
            qty[n] = Math.round(target * 0.05) * UNIT;
            holdingSecurity[a] = secs;
            holdingQuantity[a] = qty;
            positions += n + 1;
            initialReturn[a] = r.nextInt(-300, 1200); // −3% … 12%, scale 4
            mandate[a] = new Mandate();
            contract[a] = mandate(a, secs, qty, r, mandate[a]);
        }
        this.initialPositions = positions;
        for (int s = 0; s < securities; s++) {
            // the firm's stake 2.5% … 6%: some securities sit around the 4.5% and 5% lines
            long shares = firm[s] / UNIT;
            initialTotalShares[s] = shares == 0 ? 1_000_000_000L : Math.max(1, (long) (shares * (16.5 + r.nextDouble() * 23.5)));
        }

        // ---- the event sequence
        int n = Math.toIntExact(ticks);
        type = new byte[n];
        x = new int[n];
        y = new int[n];
        v = new long[n];
        long[] price = initialPrice.clone();
        int[] holders = new int[securities + 1];
        // current holdings, to draw realistic trades and count the holders each tick touches
        java.util.HashMap<Long, Long> held = new java.util.HashMap<>();
        for (int a = 0; a < accounts; a++) {
            for (int j = 0; j < holdingSecurity[a].length; j++) {
                held.put(key(a, holdingSecurity[a][j]), holdingQuantity[a][j]);
                holders[holdingSecurity[a][j]]++;
            }
        }
        List<List<Integer>> owned = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            List<Integer> l = new ArrayList<>();
            for (int s : holdingSecurity[a]) l.add(s);
            owned.add(l);
        }
        long touched = 0;
        for (int e = 0; e < n; e++) {
            int roll = r.nextInt(10_000);
            if (roll < 9_890) {
                int s = pick.next();
                long p = price[s];
                long move = p * r.nextInt(-30, 31) / 10_000 + (initialPrice[s] - p) / 64;
                long next = Math.max(100, (p + move) / 100 * 100);
                if (next == p) next = r.nextBoolean() || p <= 200 ? p + 100 : p - 100; // every tick moves
                price[s] = next;
                type[e] = PRICE;
                x[e] = s;
                v[e] = next;
                touched += holders[s];
            } else if (roll < 9_970) {
                int a = r.nextInt(20) == 0 ? regularAccounts + r.nextInt(edge) : r.nextInt(accounts);
                List<Integer> mine = owned.get(a);
                int c = r.nextInt(100);
                int s;
                long q;
                if (a >= regularAccounts) {
                    // the small accounts open and close whole positions: now and then nothing is left (NAV 0)
                    s = r.nextBoolean() ? mine.get(r.nextInt(mine.size())) : r.nextBoolean() ? cash : pick.next();
                    q = r.nextBoolean() ? 0 : s == cash ? 1_000_000 * UNIT : Math.max(100, 1_000_000 * UNIT / price[s] / 100 * 100) * UNIT;
                } else if (c < 3 && !mandate[a].excludedCodes.isEmpty()) {
                    s = mandate[a].excludedCodes.iterator().next(); // a forbidden purchase (active breach)
                    q = 100 * UNIT * (1 + r.nextInt(50));
                } else if (c < 23) {
                    s = mine.get(r.nextInt(mine.size()));
                    q = 0; // a closed position
                } else if (c < 43) {
                    s = pick.next();
                    long value = 300_000 + r.nextInt(3_000_000);
                    q = Math.max(100, value * UNIT / price[s] / 100 * 100) * UNIT;
                } else {
                    s = mine.get(r.nextInt(mine.size()));
                    long old = held.getOrDefault(key(a, s), 0L);
                    q = old / UNIT * (50 + r.nextInt(101)) / 100 / 100 * 100 * UNIT;
                    if (s == cash) q = old * (50 + r.nextInt(101)) / 100;
                }
                long old = held.getOrDefault(key(a, s), 0L);
                if (old == 0 && q != 0) {
                    holders[s]++;
                    if (!mine.contains(s)) mine.add(s);
                }
                if (old != 0 && q == 0) holders[s]--;
                held.put(key(a, s), q);
                type[e] = TRADE;
                x[e] = a;
                y[e] = s;
                v[e] = q;
            } else if (roll < 9_995) {
                type[e] = RETURN;
                x[e] = r.nextInt(accounts);
                v[e] = r.nextInt(-900, 2100); // −9% … 21%: both ends of the band [−5%, 15%]
            } else {
                type[e] = SECURITY;
                x[e] = pick.next();
                y[e] = r.nextInt(5) == 0 ? 1 : 0; // ST flag
                v[e] = Math.max(1, initialTotalShares[x[e]] * (85 + r.nextInt(31)) / 100);
            }
        }
        this.positionUpdates = touched;
    }

    private static long key(int a, int s) {
        return ((long) a << 32) | s;
    }

    private interface Picker {
        int next();
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    /**
     * A mandate placed around the account's actual weights, so that warnings and breaches come and go with prices:
     * the stock maximum near the stock share, sometimes a bond minimum, a single-stock limit near the largest stock.
     */
    private Contract mandate(int a, int[] secs, long[] qty, SplittableRandom r, Mandate m) {
        double nav = 0;
        double[] byKind = new double[6];
        double top = 0;
        for (int i = 0; i < secs.length; i++) {
            double value = qty[i] / (double) UNIT * initialPrice[secs[i]] / UNIT;
            nav += value;
            byKind[kind[secs[i]]] += value;
            if (kind[secs[i]] == STOCK) top = Math.max(top, value);
        }
        Map<SecurityKind, Bounds> kinds = new java.util.EnumMap<>(SecurityKind.class);
        BigDecimal wf = r.nextInt(5) == 0 ? new BigDecimal("0.8") : null;
        BigDecimal wfOrDefault = wf == null ? Limits.DEFAULT_WARN_FRACTION : wf;
        double stockShare = byKind[STOCK] / nav;
        if (stockShare > 0) {
            // a mandate's bounds are fractions of NAV, at most 1 (the API refuses more)
            BigDecimal max = BigDecimal.valueOf(Math.min(1.0, stockShare / (0.88 + r.nextDouble() * 0.14))).setScale(3, RoundingMode.HALF_UP);
            kinds.put(SecurityKind.STOCK, new Bounds(null, max));
            m.max18[STOCK] = t18(max);
            m.warn18[STOCK] = t18(wfOrDefault.multiply(max));
        }
        if (r.nextInt(10) < 3 && byKind[BOND] > 0) {
            BigDecimal min = BigDecimal.valueOf(Math.min(1.0, byKind[BOND] / nav * (0.97 + r.nextDouble() * 0.06))).setScale(3, RoundingMode.HALF_UP);
            kinds.put(SecurityKind.BOND, new Bounds(min, null));
            m.min18[BOND] = t18(min);
        }
        BigDecimal single = null;
        if (r.nextInt(10) < 7 && top > 0) {
            single = BigDecimal.valueOf(Math.min(1.0, top / nav * (0.85 + r.nextDouble() * 0.3))).setScale(4, RoundingMode.HALF_UP);
            m.singleMax18 = t18(single);
            m.singleWarn18 = t18(wfOrDefault.multiply(single));
        }
        m.low4 = -500;
        m.high4 = 1500;
        m.guaranteed = r.nextInt(5) == 0;
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            int s = r.nextInt(securities);
            m.excludedCodes.add(s);
            codes.add(code[s]);
        }
        Set<String> issuers = Set.of();
        if (r.nextInt(10) == 0) {
            m.excludedIssuer = r.nextInt(500);
            issuers = Set.of("ISS" + m.excludedIssuer);
        }
        m.excludesSt = r.nextInt(10) < 3;
        ReturnBand band = new ReturnBand(BigDecimal.valueOf(m.low4, 4), BigDecimal.valueOf(m.high4, 4));
        return new Contract("K-" + account[a], "C" + a, account[a], new BigDecimal("100000000"), LocalDate.of(2025, 1, 2),
                LocalDate.of(2027, 12, 31), m.guaranteed ? ContractType.CAPITAL_GUARANTEED : ContractType.NO_GUARANTEE,
                ContractStatus.ACTIVE, null, band, new Limits(kinds, single, wf),
                new Exclusions(codes, issuers, m.excludesSt ? Set.of("ST") : Set.of()), null, "trader", RecordStatus.SEALED);
    }

    private static long t18(BigDecimal v) {
        return Scaled.of(v, ScaledRatio.THRESHOLD_SCALE);
    }

    public String issuerName(int s) {
        return issuer[s] < 0 ? "" : "ISS" + issuer[s];
    }

    public int events() {
        return type.length;
    }

    public long priceTicks(int limit) {
        long n = 0;
        for (int e = 0; e < limit; e++) if (type[e] == PRICE) n++;
        return n;
    }
}
