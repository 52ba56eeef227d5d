package com.mandatewatch.engine.ledger;

import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.rules.ScaledRatio;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The engine's primitive, columnar account state: quantities and prices as scaled longs, per-security holder rows,
 * per-account NAV and kind sums kept incrementally (delta = quantity × price move), each row's market value, per
 * account the few stocks above its single-stock warning line (with their values) and an upper bound on all the
 * others, and a compact verdict per (account, kind), per (account, stock) and per firm-wide stake.
 * A price tick touches only the rows of the security's holders, allocates nothing, and reports through a
 * {@link VerdictSink} exactly the verdicts that moved; verdicts are those of SPEC §4, taken by exact cross-
 * multiplication ({@link ScaledRatio}). Owned by the engine's thread only.
 *
 * <p>An account holding a value that does not fit (a price finer than 4 decimals, a product past 2^63, a limit
 * finer than 18 decimals) is marked inexact: the ledger then asks for the BigDecimal rules every time it is touched
 * ({@link VerdictSink#mustJudge}) and tries again to rebuild it exactly.
 */
public final class Ledger {
    static final int KINDS = CompiledMandate.KINDS;
    static final int STOCK = SecurityKind.STOCK.ordinal();
    static final int CASH = SecurityKind.CASH.ordinal();
    private static final long CASH_PRICE = 10_000L; // 1 at PRICE_SCALE 4
    private static final int NO_PRICE = 0;
    private static final long NO_BOUND = Long.MIN_VALUE;
    /** The account record: offsets of its fields, and the bits of its state word. */
    private static final int STRIDE = 32;
    private static final int NAV = 0;
    private static final int SUM = 1;
    private static final int STATE = 7;
    private static final int BOUND = 8;
    private static final int SINGLE_MAX = 9;
    private static final int SINGLE_WARN = 10;
    private static final int MIN = 11;
    private static final int MAX = 17;
    private static final int WARN = 23;
    private static final long EXACT = 1;
    private static final long FOLLOWED = 2;
    private static final long NAV_POSITIVE = 4;
    private static final int LIMITED_SHIFT = 8;
    private static final int VERDICT_SHIFT = 16;
    private static final int FLAGGED_SHIFT = 32;
    /** Row state bits: the stock verdict (0–2) in the low bits, then the exclusion and unvalued conditions. */
    private static final int STOCK_BITS = 0b11;
    private static final int EXCLUDED_BIT = 0b100;
    private static final int UNVALUED_BIT = 0b1000;

    private final Interner accountIds = new Interner();
    private final Interner securityIds = new Interner();
    private Function<String, Contract> mandates = a -> null;

    // ---- securities, by security id
    private Security[] reference = new Security[16];
    /** The last price received, scaled; 0 while none; UNREPRESENTABLE when it does not fit. */
    private long[] rawPrice = new long[16];
    /** The kind the mandate limits by (cash by code even without reference data), or −1 while unknown. */
    private byte[] kind = new byte[16];
    private boolean[] valued = new boolean[16];
    private long[] firmQuantity = new long[16];
    private byte[] disclosure = new byte[16];

    // ---- holder rows, per security: one row per (account, security) ever held; a closed position stays as a zero row
    private int[][] rowAccount = new int[16][];
    private long[][] rowQuantity = new long[16][];
    /** The row's slot in its account's row list: the account-local index of everything else about it. */
    private int[][] rowSlot = new int[16][];
    /** The row's market value, quantity × price (0 while closed or unvalued): moved in step with the row on a tick. */
    private long[][] rowValue = new long[16][];
    private byte[][] rowState = new byte[16][];
    private int[] rowCount = new int[16];

    // ---- accounts, by account id
    /**
     * What a tick reads and writes of an account, in one record of {@link #STRIDE} longs: NAV, the kind sums, the
     * state bits (exact, followed, NAV positive, limited kinds, kind verdicts, flagged count), the bound on unflagged
     * stocks and every threshold of the mandate. One account's record is a few adjacent cache lines, not a load from
     * each of a dozen arrays and objects.
     */
    private long[] hot = new long[16 * STRIDE];
    /**
     * The account's flagged stocks (verdict ≠ 0) as (slot << 2 | verdict), with a copy of their values beside them:
     * re-judging them after a NAV move reads only these two short arrays. Every other valued live stock of the account
     * is worth at most {@link #unflaggedBound} (NO_BOUND: there is none), so as long as the bound stays on or below the
     * warning line, no other stock can have crossed it; above it, the account's stocks are scanned once.
     */
    private int[][] flaggedEntry = new int[16][];
    private long[][] flaggedValue = new long[16][];
    /** Every row of the account (refs), for the rare full rebuild. */
    private long[][] accountRows = new long[16][];
    private int[] accountRowCount = new int[16];
    private CompiledMandate[] mandate = new CompiledMandate[16];
    private BigDecimal[] cumulativeReturn = new BigDecimal[16];
    private byte[] returnLow = new byte[16];
    private byte[] returnHigh = new byte[16];
    private byte[] navVerdict = new byte[16];

    // ============================================================== ids

    /** The id of an account, created on first sight (with the mandate the mandate source gives it). */
    public int account(String code) {
        int id = accountIds.id(code);
        if (id >= mandate.length) {
            growAccounts(id + 1);
        }
        if (accountRows[id] == null) {
            accountRows[id] = new long[4];
            flaggedEntry[id] = new int[2];
            flaggedValue[id] = new long[2];
            hot[id * STRIDE + BOUND] = NO_BOUND;
            mandate[id] = CompiledMandate.of(mandates.apply(code));
            loadMandate(id);
            flag(id, EXACT, mandate[id] == null || mandate[id].exact);
        }
        return id;
    }

    /** The id of a security, created on first sight. */
    public int security(String code) {
        int id = securityIds.id(code);
        if (id >= rawPrice.length) {
            growSecurities(id + 1);
        }
        if (rowAccount[id] == null) {
            rowAccount[id] = new int[4];
            rowQuantity[id] = new long[4];
            rowSlot[id] = new int[4];
            rowValue[id] = new long[4];
            rowState[id] = new byte[4];
            kind[id] = (byte) (Security.CASH_CODE.equals(code) ? CASH : -1);
            valued[id] = kind[id] == CASH;
        }
        return id;
    }

    public int findAccount(String code) { return accountIds.find(code); }

    public String accountCode(int id) { return accountIds.name(id); }

    public String securityCode(int id) { return securityIds.name(id); }

    public int accounts() { return accountIds.size(); }

    public int securities() { return securityIds.size(); }

    // ============================================================== reference data and mandates

    /** Which contract governs an account (null: none); every known account is compiled and judged again. */
    public void mandates(Function<String, Contract> source, VerdictSink sink) {
        this.mandates = source;
        for (int a = 0; a < accountIds.size(); a++) {
            mandate[a] = CompiledMandate.of(source.apply(accountIds.name(a)));
            loadMandate(a);
            rebuild(a, sink);
        }
    }

    /** Reference data of a security (kind, issuer, flags, total shares): every holder is rebuilt, the stake judged. */
    public void reference(Security s, VerdictSink sink) {
        int id = security(s.code());
        reference[id] = s;
        kind[id] = (byte) (Security.CASH_CODE.equals(s.code()) ? CASH : s.kind().ordinal());
        valued[id] = isValued(id);
        rebuildHolders(id, sink);
        judgeDisclosure(id, sink);
    }

    public void follow(String account, boolean follows) {
        int a = accountIds.find(account);
        if (a >= 0) {
            flag(a, FOLLOWED, follows);
        }
    }

    // ============================================================== prices: the hot path

    public void price(String code, BigDecimal price, VerdictSink sink) {
        price(security(code), Scaled.of(price, Scaled.PRICE_SCALE), sink);
    }

    /**
     * A new price (scaled by 10^{@link Scaled#PRICE_SCALE}): each holder's NAV, kind sum and row value move
     * by quantity × (new − old), then that holder's verdicts are taken again. Nothing is allocated.
     */
    public void price(int s, long newPrice, VerdictSink sink) {
        if (rawPrice[s] == NO_PRICE) {
            firstPrice(s, sink);
        }
        long before = effectivePrice(s);
        boolean wasValued = valued[s];
        rawPrice[s] = newPrice;
        valued[s] = isValued(s);
        long after = effectivePrice(s);
        if (wasValued != valued[s] || (valued[s] && (before == Scaled.UNREPRESENTABLE || after == Scaled.UNREPRESENTABLE))) {
            rebuildHolders(s, sink); // first price, or a price that does not fit: the rare path
            return;
        }
        if (!valued[s] || before == after) {
            return;
        }
        long move = after - before; // both positive longs: the difference fits
        int k = kind[s];
        int n = rowCount[s];
        int[] accounts = rowAccount[s];
        long[] quantities = rowQuantity[s];
        long[] values = rowValue[s];
        for (int i = 0; i < n; i++) {
            long q = quantities[i];
            if (q == 0) {
                continue; // a closed position plays no part
            }
            int a = accounts[i];
            if ((hot[a * STRIDE + STATE] & EXACT) == 0 || q == Scaled.UNREPRESENTABLE) {
                rebuild(a, sink);
                continue;
            }
            long d = q * move;
            if (Math.multiplyHigh(q, move) != (d >> 63) || overflows(values[i], d) || !addTo(a, k, d)) {
                flag(a, EXACT, false);
                rebuild(a, sink);
                continue;
            }
            values[i] += d;
            judgeTouched(a, k == STOCK ? i : -1, s, values[i], true, sink);
        }
    }

    private static boolean overflows(long x, long d) {
        long r = x + d;
        return ((x ^ r) & (d ^ r)) < 0;
    }

    /**
     * A security's first price: its holders' unvalued data-quality messages change ("no price" is no longer among
     * the reasons) even while it stays unvalued for want of reference data, so the rules must see them.
     */
    private void firstPrice(int s, VerdictSink sink) {
        for (int i = 0; i < rowCount[s]; i++) {
            if (rowQuantity[s][i] != 0) {
                sink.mustJudge(rowAccount[s][i]);
            }
        }
    }

    /** NAV and the kind sum take the delta; false on overflow (the account is then rebuilt, exactly or not at all). */
    private boolean addTo(int a, int k, long d) {
        int b = a * STRIDE;
        long n = hot[b + NAV] + d;
        long ks = hot[b + SUM + k] + d;
        if (((hot[b + NAV] ^ n) & (d ^ n)) < 0 || ((hot[b + SUM + k] ^ ks) & (d ^ ks)) < 0) {
            return false;
        }
        hot[b + NAV] = n;
        hot[b + SUM + k] = ks;
        return true;
    }

    // ============================================================== positions and returns

    public void position(String account, String code, BigDecimal quantity, VerdictSink sink) {
        position(account(account), security(code), Scaled.of(quantity, Scaled.QTY_SCALE), sink);
    }

    /** An absolute holding (scaled by 10^4); 0 closes it and leaves a zero row (the account stays fed, C09a). */
    public void position(int a, int s, long quantity, VerdictSink sink) {
        int i = findRow(a, s);
        boolean firstRow = accountRowCount[a] == 0;
        if (i < 0) {
            i = addRow(a, s);
        }
        long before = rowQuantity[s][i];
        if (before == quantity && !firstRow) {
            return;
        }
        rowQuantity[s][i] = quantity;
        moveFirmQuantity(s, before, quantity, sink);
        long price = effectivePrice(s);
        if (!is(a, EXACT) || before == Scaled.UNREPRESENTABLE || quantity == Scaled.UNREPRESENTABLE
                || (valued[s] && price == Scaled.UNREPRESENTABLE)) {
            rebuild(a, sink);
            return;
        }
        rowConditions(a, s, i, sink);
        if (valued[s]) {
            long value;
            long d;
            try {
                value = Math.multiplyExact(quantity, price);
                d = Math.subtractExact(value, rowValue[s][i]);
            } catch (ArithmeticException overflow) {
                flag(a, EXACT, false);
                rebuild(a, sink);
                return;
            }
            if (!addTo(a, kind[s], d)) {
                flag(a, EXACT, false);
                rebuild(a, sink);
                return;
            }
            rowValue[s][i] = value;
        }
        if (firstRow) {
            judgeAll(a, sink); // a newly fed account: its NAV condition is decided for the first time
        } else {
            judgeTouched(a, kind[s] == STOCK && valued[s] ? i : -1, s, rowValue[s][i], quantity != 0, sink);
        }
    }

    public void cumulativeReturn(String account, BigDecimal r, VerdictSink sink) {
        cumulativeReturn(account(account), r, sink);
    }

    public void cumulativeReturn(int a, BigDecimal r, VerdictSink sink) {
        cumulativeReturn[a] = r;
        judgeReturn(a, sink);
        if (is(a, FOLLOWED) || !is(a, EXACT)) {
            sink.mustJudge(a);
        }
    }

    // ============================================================== judging

    /**
     * After one row of a touched account moved (row i of security s, a valued stock row when i ≥ 0, now worth value and
     * live or not): the verdicts that can have changed with it and with the NAV.
     */
    private void judgeTouched(int a, int i, int s, long value, boolean live, VerdictSink sink) {
        int b = a * STRIDE;
        long state = hot[b + STATE];
        if ((state & FOLLOWED) != 0) {
            sink.mustJudge(a);
        }
        long n = hot[b + NAV];
        if (n <= 0 || (state & NAV_POSITIVE) == 0) {
            judgeAll(a, sink); // NAV ≤ 0 now or before: the conditions appear or vanish together (C09)
            return;
        }
        // no mandate: no limited kind and no single-stock limit, so nothing below applies
        for (int kinds = (int) (state >>> LIMITED_SHIFT) & 0x3F; kinds != 0; kinds &= kinds - 1) {
            int k = Integer.numberOfTrailingZeros(kinds);
            int v = ScaledRatio.judge(hot[b + SUM + k], n, hot[b + MIN + k], hot[b + MAX + k], hot[b + WARN + k]);
            int was = (int) (state >>> (VERDICT_SHIFT + 2 * k)) & 3;
            if (v != was) {
                sink.changed(a, VerdictSink.KIND, k, was, v);
                kindVerdict(a, k, v);
            }
        }
        if (hot[b + SINGLE_MAX] != ScaledRatio.ABSENT) {
            judgeStocks(a, n, i < 0 ? -1 : rowSlot[s][i], value, live, sink);
        }
    }

    /**
     * Single stocks after a NAV move and a move of one stock (in slot moved, −1 if none): the flagged ones are judged
     * again from the values kept beside them; the moved one is judged if it was not flagged; every other stock is
     * worth at most the bound, so only a bound above the warning line calls for a scan of the account's stocks.
     */
    private void judgeStocks(int a, long n, int moved, long value, boolean live, VerdictSink sink) {
        int b = a * STRIDE;
        long max = hot[b + SINGLE_MAX];
        long warn = hot[b + SINGLE_WARN];
        int[] entries = flaggedEntry[a];
        long[] values = flaggedValue[a];
        int count = flaggedCount(a);
        long bound = hot[b + BOUND];
        boolean movedSeen = false;
        for (int j = 0; j < count; ) {
            int slot = entries[j] >>> 2;
            boolean live1 = true;
            if (slot == moved) {
                values[j] = value;
                movedSeen = true;
                live1 = live;
            }
            int v = live1 ? ScaledRatio.judge(values[j], n, ScaledRatio.ABSENT, max, warn) : ScaledRatio.NONE;
            if (v != (entries[j] & 3)) {
                setStock(a, slot, v, sink);
            }
            if (v == ScaledRatio.NONE) {
                if (live1 && values[j] > bound) {
                    bound = values[j];
                }
                count--;
                entries[j] = entries[count];
                values[j] = values[count];
            } else {
                entries[j] = slot << 2 | v;
                j++;
            }
        }
        flaggedCount(a, count);
        if (moved >= 0 && !movedSeen && live) {
            int v = ScaledRatio.judge(value, n, ScaledRatio.ABSENT, max, warn);
            if (v != ScaledRatio.NONE) {
                setStock(a, moved, v, sink);
                flag(a, moved, v, value);
            } else if (value > bound) {
                bound = value;
            }
        }
        hot[b + BOUND] = bound;
        if (bound != NO_BOUND && ScaledRatio.judge(bound, n, ScaledRatio.ABSENT, max, warn) != ScaledRatio.NONE) {
            scanStocks(a, n, sink);
        }
    }

    private void flag(int a, int slot, int v, long value) {
        int count = flaggedCount(a);
        if (count == flaggedEntry[a].length) {
            flaggedEntry[a] = Arrays.copyOf(flaggedEntry[a], count * 2);
            flaggedValue[a] = Arrays.copyOf(flaggedValue[a], count * 2);
        }
        flaggedEntry[a][count] = slot << 2 | v;
        flaggedValue[a][count] = value;
        flaggedCount(a, count + 1);
    }

    /** The bound crossed the warning line: the unflagged stocks that did are flagged, and the bound is made exact. */
    private void scanStocks(int a, long n, VerdictSink sink) {
        long max = hot[a * STRIDE + SINGLE_MAX];
        long warn = hot[a * STRIDE + SINGLE_WARN];
        long bound = NO_BOUND;
        for (int j = 0; j < accountRowCount[a]; j++) {
            long ref = accountRows[a][j];
            int s = (int) (ref >>> 32);
            int i = (int) ref;
            if (kind[s] != STOCK || !valued[s] || rowQuantity[s][i] == 0 || (rowState[s][i] & STOCK_BITS) != 0) {
                continue;
            }
            long value = rowValue[s][i];
            int v = ScaledRatio.judge(value, n, ScaledRatio.ABSENT, max, warn);
            if (v != ScaledRatio.NONE) {
                setStock(a, j, v, sink);
                flag(a, j, v, value);
            } else if (value > bound) {
                bound = value;
            }
        }
        hot[a * STRIDE + BOUND] = bound;
    }

    /** The stock verdict of the row in this slot is now v: reported when it changed. */
    private void setStock(int a, int slot, int v, VerdictSink sink) {
        long ref = accountRows[a][slot];
        int s = (int) (ref >>> 32);
        int i = (int) ref;
        int state = rowState[s][i];
        int was = state & STOCK_BITS;
        if (was != v) {
            sink.changed(a, VerdictSink.STOCK, s, was, v);
            rowState[s][i] = (byte) ((state & ~STOCK_BITS) | v);
        }
    }

    /** Every verdict of the account from its current sums: after a NAV sign change, a first row, a rebuild. */
    private void judgeAll(int a, VerdictSink sink) {
        long n = hot[a * STRIDE + NAV];
        boolean positive = n > 0;
        flag(a, NAV_POSITIVE, positive);
        CompiledMandate m = mandate[a];
        int dq = accountRowCount[a] > 0 && n <= 0 ? 1 : 0;
        if (dq != navVerdict[a]) {
            sink.changed(a, VerdictSink.NAV, -1, navVerdict[a], dq);
            navVerdict[a] = (byte) dq;
        }
        int b = a * STRIDE;
        for (int k = 0; k < KINDS; k++) {
            int v = 0;
            if (positive && m != null && (m.min[k] != ScaledRatio.ABSENT || m.max[k] != ScaledRatio.ABSENT)) {
                v = ScaledRatio.judge(hot[b + SUM + k], n, m.min[k], m.max[k], m.warn[k]);
            }
            int was = kindVerdict(a, k);
            if (v != was) {
                sink.changed(a, VerdictSink.KIND, k, was, v);
                kindVerdict(a, k, v);
            }
        }
        boolean stocks = positive && m != null && m.hasSingleLimit();
        flaggedCount(a, 0);
        long bound = NO_BOUND;
        for (int j = 0; j < accountRowCount[a]; j++) {
            long ref = accountRows[a][j];
            int s = (int) (ref >>> 32);
            int i = (int) ref;
            int v = 0;
            if (stocks && kind[s] == STOCK && valued[s] && rowQuantity[s][i] != 0) {
                long value = rowValue[s][i];
                v = ScaledRatio.judge(value, n, ScaledRatio.ABSENT, m.singleMax, m.singleWarn);
                if (v != 0) {
                    flag(a, j, v, value);
                } else if (value > bound) {
                    bound = value;
                }
            }
            setStock(a, j, v, sink);
            rowConditions(a, s, i, sink);
        }
        hot[b + BOUND] = bound;
        judgeReturn(a, sink);
    }

    /** EXCLUDED_SECURITY and the unvalued DATA_QUALITY of one row: they depend on the row alone, never on prices. */
    private void rowConditions(int a, int s, int i, VerdictSink sink) {
        long q = rowQuantity[s][i];
        boolean live = q != 0;
        CompiledMandate m = mandate[a];
        int state = rowState[s][i];
        boolean excluded = live && m != null && m.excludes(securityIds.name(s), reference[s]);
        boolean unvalued = live && !valued[s];
        if (excluded != ((state & EXCLUDED_BIT) != 0)) {
            sink.changed(a, VerdictSink.EXCLUDED, s, excluded ? 0 : 2, excluded ? 2 : 0);
            state ^= EXCLUDED_BIT;
        }
        if (unvalued != ((state & UNVALUED_BIT) != 0)) {
            sink.changed(a, VerdictSink.UNVALUED, s, unvalued ? 0 : 1, unvalued ? 1 : 0);
            state ^= UNVALUED_BIT;
        }
        rowState[s][i] = (byte) state;
    }

    private void judgeReturn(int a, VerdictSink sink) {
        CompiledMandate m = mandate[a];
        boolean on = m != null && is(a, NAV_POSITIVE) && hot[a * STRIDE + NAV] > 0;
        int low = on ? m.returnLow(cumulativeReturn[a]) : 0;
        int high = on ? m.returnHigh(cumulativeReturn[a]) : 0;
        if (low != returnLow[a]) {
            sink.changed(a, VerdictSink.RETURN_LOW, -1, returnLow[a], low);
            returnLow[a] = (byte) low;
        }
        if (high != returnHigh[a]) {
            sink.changed(a, VerdictSink.RETURN_HIGH, -1, returnHigh[a], high);
            returnHigh[a] = (byte) high;
        }
    }

    private void moveFirmQuantity(int s, long before, long after, VerdictSink sink) {
        if (before == Scaled.UNREPRESENTABLE || after == Scaled.UNREPRESENTABLE) {
            return; // the product judges disclosure with BigDecimal; the ledger's stake is for the fast engine only
        }
        firmQuantity[s] += after - before;
        judgeDisclosure(s, sink);
    }

    private void judgeDisclosure(int s, VerdictSink sink) {
        long total = reference[s] == null ? 0 : reference[s].totalShares();
        int v = ScaledRatio.disclosure(firmQuantity[s], Scaled.QTY_SCALE, total);
        if (v != disclosure[s]) {
            sink.changed(-1, VerdictSink.DISCLOSURE, s, disclosure[s], v);
            disclosure[s] = (byte) v;
        }
    }

    // ============================================================== rebuilds: the rare path

    private void rebuildHolders(int s, VerdictSink sink) {
        for (int i = 0; i < rowCount[s]; i++) {
            rebuild(rowAccount[s][i], sink);
        }
    }

    /**
     * Recomputes NAV, kind sums and row values from the rows, checking every product and sum; judges everything
     * when the account fits, else leaves it inexact and asks for the BigDecimal rules.
     */
    private void rebuild(int a, VerdictSink sink) {
        CompiledMandate m = mandate[a];
        boolean ok = m == null || m.exact;
        long total = 0;
        long[] sums = new long[KINDS];
        for (int j = 0; j < accountRowCount[a]; j++) {
            long ref = accountRows[a][j];
            int s = (int) (ref >>> 32);
            int i = (int) ref;
            rowValue[s][i] = 0;
            long q = rowQuantity[s][i];
            if (q == 0 || !valued[s]) {
                continue;
            }
            long p = effectivePrice(s);
            if (q == Scaled.UNREPRESENTABLE || p == Scaled.UNREPRESENTABLE) {
                ok = false;
                continue;
            }
            try {
                long value = Math.multiplyExact(q, p);
                total = Math.addExact(total, value);
                sums[kind[s]] = Math.addExact(sums[kind[s]], value);
                rowValue[s][i] = value;
            } catch (ArithmeticException overflow) {
                ok = false;
            }
        }
        boolean wasExact = is(a, EXACT);
        flag(a, EXACT, ok);
        if (!ok) {
            sink.mustJudge(a);
            return;
        }
        hot[a * STRIDE + NAV] = total;
        System.arraycopy(sums, 0, hot, a * STRIDE + SUM, KINDS);
        judgeAll(a, sink);
        if (!wasExact || is(a, FOLLOWED)) {
            sink.mustJudge(a); // its alerts were decided by the BigDecimal rules: let them see the account once more
        }
    }

    // ============================================================== the account record

    private boolean is(int a, long bit) {
        return (hot[a * STRIDE + STATE] & bit) != 0;
    }

    private void flag(int a, long bit, boolean on) {
        int i = a * STRIDE + STATE;
        hot[i] = on ? hot[i] | bit : hot[i] & ~bit;
    }

    private int kindVerdict(int a, int k) {
        return (int) (hot[a * STRIDE + STATE] >>> (VERDICT_SHIFT + 2 * k)) & 3;
    }

    private void kindVerdict(int a, int k, int v) {
        int i = a * STRIDE + STATE;
        int shift = VERDICT_SHIFT + 2 * k;
        hot[i] = (hot[i] & ~(3L << shift)) | ((long) v << shift);
    }

    private int flaggedCount(int a) {
        return (int) (hot[a * STRIDE + STATE] >>> FLAGGED_SHIFT);
    }

    private void flaggedCount(int a, int n) {
        int i = a * STRIDE + STATE;
        hot[i] = (hot[i] & 0xFFFF_FFFFL) | ((long) n << FLAGGED_SHIFT);
    }

    /** The account's compiled mandate, copied into its record: its limited kinds and every threshold. */
    private void loadMandate(int a) {
        CompiledMandate m = mandate[a];
        int b = a * STRIDE;
        long limited = 0;
        for (int k = 0; k < KINDS; k++) {
            hot[b + MIN + k] = m == null ? ScaledRatio.ABSENT : m.min[k];
            hot[b + MAX + k] = m == null ? ScaledRatio.ABSENT : m.max[k];
            hot[b + WARN + k] = m == null ? ScaledRatio.ABSENT : m.warn[k];
        }
        if (m != null) {
            for (int k : m.limitedKinds) limited |= 1L << k;
        }
        hot[b + SINGLE_MAX] = m == null ? ScaledRatio.ABSENT : m.singleMax;
        hot[b + SINGLE_WARN] = m == null ? ScaledRatio.ABSENT : m.singleWarn;
        hot[b + STATE] = (hot[b + STATE] & ~(0x3FL << LIMITED_SHIFT)) | (limited << LIMITED_SHIFT);
    }

    // ============================================================== rows

    private static long ref(int s, int i) {
        return ((long) s << 32) | i;
    }

    /** The row of (account, security), or −1: searched in whichever of the two lists is shorter. */
    private int findRow(int a, int s) {
        if (accountRowCount[a] <= rowCount[s]) {
            long[] rows = accountRows[a];
            for (int j = 0; j < accountRowCount[a]; j++) {
                if ((int) (rows[j] >>> 32) == s) {
                    return (int) rows[j];
                }
            }
            return -1;
        }
        int[] holders = rowAccount[s];
        for (int i = 0; i < rowCount[s]; i++) {
            if (holders[i] == a) {
                return i;
            }
        }
        return -1;
    }

    private int addRow(int a, int s) {
        int i = rowCount[s];
        if (i == rowAccount[s].length) {
            int cap = i + (i >> 1) + 1;
            rowAccount[s] = Arrays.copyOf(rowAccount[s], cap);
            rowQuantity[s] = Arrays.copyOf(rowQuantity[s], cap);
            rowSlot[s] = Arrays.copyOf(rowSlot[s], cap);
            rowValue[s] = Arrays.copyOf(rowValue[s], cap);
            rowState[s] = Arrays.copyOf(rowState[s], cap);
        }
        rowAccount[s][i] = a;
        rowQuantity[s][i] = 0;
        rowState[s][i] = 0;
        rowCount[s] = i + 1;
        int j = accountRowCount[a];
        if (j == accountRows[a].length) {
            accountRows[a] = Arrays.copyOf(accountRows[a], j + (j >> 1) + 1);
        }
        accountRows[a][j] = ref(s, i);
        rowValue[s][i] = 0;
        rowSlot[s][i] = j;
        accountRowCount[a] = j + 1;
        return i;
    }

    private boolean isValued(int s) {
        return kind[s] == CASH || (reference[s] != null && rawPrice[s] != NO_PRICE);
    }

    /** Cash is worth 1 whatever price was sent for it (the book values it so too). */
    private long effectivePrice(int s) {
        return kind[s] == CASH ? CASH_PRICE : rawPrice[s];
    }

    // ============================================================== reading (tests, the bench, evidence)

    /** Reports every condition the account holds now, as changes from nothing (for tests and the bench's checks). */
    public void conditions(int a, VerdictSink out) {
        if (navVerdict[a] != 0) {
            out.changed(a, VerdictSink.NAV, -1, 0, navVerdict[a]);
        }
        for (int k = 0; k < KINDS; k++) {
            if (kindVerdict(a, k) != 0) {
                out.changed(a, VerdictSink.KIND, k, 0, kindVerdict(a, k));
            }
        }
        for (int j = 0; j < accountRowCount[a]; j++) {
            long ref = accountRows[a][j];
            int s = (int) (ref >>> 32);
            int state = rowState[s][(int) ref];
            if ((state & STOCK_BITS) != 0) {
                out.changed(a, VerdictSink.STOCK, s, 0, state & STOCK_BITS);
            }
            if ((state & EXCLUDED_BIT) != 0) {
                out.changed(a, VerdictSink.EXCLUDED, s, 0, 2);
            }
            if ((state & UNVALUED_BIT) != 0) {
                out.changed(a, VerdictSink.UNVALUED, s, 0, 1);
            }
        }
        if (returnLow[a] != 0) {
            out.changed(a, VerdictSink.RETURN_LOW, -1, 0, returnLow[a]);
        }
        if (returnHigh[a] != 0) {
            out.changed(a, VerdictSink.RETURN_HIGH, -1, 0, returnHigh[a]);
        }
    }

    /** The firm-wide stakes judged now, as changes from nothing. */
    public void disclosures(VerdictSink out) {
        for (int s = 0; s < securityIds.size(); s++) {
            if (disclosure[s] != 0) {
                out.changed(-1, VerdictSink.DISCLOSURE, s, 0, disclosure[s]);
            }
        }
    }

    public boolean exact(int a) { return is(a, EXACT); }

    /** NAV at scale {@link Scaled#VALUE_SCALE} (meaningful while the account is exact). */
    public long nav(int a) { return hot[a * STRIDE + NAV]; }

    public long firmQuantity(int s) { return firmQuantity[s]; }

    // ============================================================== growth

    private void growAccounts(int need) {
        int cap = Math.max(need, mandate.length + (mandate.length >> 1));
        hot = Arrays.copyOf(hot, cap * STRIDE);
        flaggedEntry = Arrays.copyOf(flaggedEntry, cap);
        flaggedValue = Arrays.copyOf(flaggedValue, cap);
        accountRows = Arrays.copyOf(accountRows, cap);
        accountRowCount = Arrays.copyOf(accountRowCount, cap);
        mandate = Arrays.copyOf(mandate, cap);
        cumulativeReturn = Arrays.copyOf(cumulativeReturn, cap);
        returnLow = Arrays.copyOf(returnLow, cap);
        returnHigh = Arrays.copyOf(returnHigh, cap);
        navVerdict = Arrays.copyOf(navVerdict, cap);
    }

    private void growSecurities(int need) {
        int cap = Math.max(need, rawPrice.length + (rawPrice.length >> 1));
        reference = Arrays.copyOf(reference, cap);
        rawPrice = Arrays.copyOf(rawPrice, cap);
        kind = Arrays.copyOf(kind, cap);
        valued = Arrays.copyOf(valued, cap);
        firmQuantity = Arrays.copyOf(firmQuantity, cap);
        disclosure = Arrays.copyOf(disclosure, cap);
        rowAccount = Arrays.copyOf(rowAccount, cap);
        rowQuantity = Arrays.copyOf(rowQuantity, cap);
        rowSlot = Arrays.copyOf(rowSlot, cap);
        rowValue = Arrays.copyOf(rowValue, cap);
        rowState = Arrays.copyOf(rowState, cap);
        rowCount = Arrays.copyOf(rowCount, cap);
    }
}
