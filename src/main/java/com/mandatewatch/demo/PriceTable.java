package com.mandatewatch.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * The real daily closes of the 64 demo stocks, read once from {@code /data/stock_daily_2014_2021.csv.gz} on the
 * classpath and never changed afterwards; the demo data set and every {@link PriceReplay} share it.
 *
 * <p>A day with volume 0 or empty is a suspension: the file repeats the last traded close there, and
 * {@link #traded} is false so that the replay sends no price for it.
 */
final class PriceTable {
    static final String RESOURCE = "/data/stock_daily_2014_2021.csv.gz";

    private final List<LocalDate> dates;
    private final List<String> codes;
    private final Map<String, Integer> codeIndex;
    private final BigDecimal[][] close;   // [date][code], null when the file has no row
    private final boolean[][] traded;     // [date][code]

    private PriceTable(List<LocalDate> dates, List<String> codes, BigDecimal[][] close, boolean[][] traded) {
        this.dates = List.copyOf(dates);
        this.codes = List.copyOf(codes);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) index.put(codes.get(i), i);
        this.codeIndex = Map.copyOf(index);
        this.close = close;
        this.traded = traded;
    }

    /** The table, loaded on first use (holder idiom: the JVM makes the one-time load thread-safe). */
    static PriceTable get() { return Holder.TABLE; }

    private static final class Holder {
        static final PriceTable TABLE = load();
    }

    List<LocalDate> dates() { return dates; }

    /** The stock codes of the file, sorted. */
    List<String> codes() { return codes; }

    boolean has(String code) { return codeIndex.containsKey(code); }

    /** Index of the first date on or after {@code date}, or {@code dates().size()} when there is none. */
    int indexOnOrAfter(LocalDate date) {
        int lo = 0, hi = dates.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (dates.get(mid).isBefore(date)) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The close of {@code code} on the date at {@code dateIndex} (the last traded close on a suspension day). */
    BigDecimal close(int dateIndex, String code) {
        Integer c = codeIndex.get(code);
        return c == null ? null : close[dateIndex][c];
    }

    BigDecimal close(int dateIndex, int codeIdx) { return close[dateIndex][codeIdx]; }

    boolean traded(int dateIndex, String code) {
        Integer c = codeIndex.get(code);
        return c != null && traded[dateIndex][c];
    }

    boolean traded(int dateIndex, int codeIdx) { return traded[dateIndex][codeIdx]; }

    private static PriceTable load() {
        InputStream raw = PriceTable.class.getResourceAsStream(RESOURCE);
        if (raw == null) throw new IllegalStateException("missing classpath resource " + RESOURCE);
        // date -> code -> {close, volume>0}; TreeMaps keep both axes sorted whatever the file's row order
        TreeMap<LocalDate, Map<String, Object[]>> rows = new TreeMap<>();
        TreeSet<String> codes = new TreeSet<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            String header = in.readLine();
            if (header == null || !header.startsWith("date,code,open,high,low,close,volume")) {
                throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
            }
            Map<String, BigDecimal> canonical = new HashMap<>();
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) continue;
                String[] f = line.split(",", -1);
                LocalDate date = LocalDate.parse(f[0]);
                String code = f[1];
                // the file writes 4 decimals, but A-share prices tick in fen: keep the exact 2-decimal value
                BigDecimal c = canonical.computeIfAbsent(f[5],
                        s -> new BigDecimal(s).setScale(2, RoundingMode.UNNECESSARY));
                String volume = f[6].trim();
                boolean isTraded = !volume.isEmpty() && new BigDecimal(volume).signum() > 0;
                codes.add(code);
                rows.computeIfAbsent(date, d -> new HashMap<>()).put(code, new Object[]{c, isTraded});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        List<LocalDate> dates = new ArrayList<>(rows.keySet());
        List<String> codeList = new ArrayList<>(codes);
        BigDecimal[][] close = new BigDecimal[dates.size()][codeList.size()];
        boolean[][] traded = new boolean[dates.size()][codeList.size()];
        for (int d = 0; d < dates.size(); d++) {
            Map<String, Object[]> day = rows.get(dates.get(d));
            for (int c = 0; c < codeList.size(); c++) {
                Object[] r = day.get(codeList.get(c));
                if (r != null) {
                    close[d][c] = (BigDecimal) r[0];
                    traded[d][c] = (Boolean) r[1];
                }
            }
        }
        return new PriceTable(dates, codeList, close, traded);
    }
}
