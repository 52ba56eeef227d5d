package com.mandatewatch.demo;

import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.feed.FeedEvent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Prints, per account, when its weights and return first cross the contract's lines: a design aid for DEMO.md. */
public final class DemoReport {
    public static void main(String[] args) {
        LocalDate until = LocalDate.parse(args.length > 0 ? args[0] : "2015-12-31");
        DemoData data = DemoDataSet.build();
        Ledger l = new Ledger();
        data.openingEvents().forEach(l::apply);
        Map<String, Contract> byAccount = new TreeMap<>();
        for (Contract c : data.contracts()) byAccount.put(c.account(), c);
        long total = data.securities().stream().filter(s -> s.code().equals(DemoDataSet.DISCLOSURE_CODE))
                .findFirst().orElseThrow().totalShares();
        Map<String, String> firsts = new LinkedHashMap<>();
        for (String a : l.positions.keySet()) {
            Contract c = byAccount.get(a);
            System.out.printf("%s %s nav=%s stock=%.4f maxSingle=%s%n", a, c.type(), l.nav(a),
                    l.stockWeight(a), l.maxSingle(a));
        }
        System.out.printf("firm %s = %.5f%n", DemoDataSet.DISCLOSURE_CODE,
                l.firmQuantity(DemoDataSet.DISCLOSURE_CODE).divide(BigDecimal.valueOf(total), Ledger.MC));
        Map<String, BigDecimal[]> minmax = new TreeMap<>();
        PriceReplay r = new PriceReplay(data);
        while (r.hasNext()) {
            ReplayDay d = r.next();
            if (d.date().isAfter(until)) break;
            for (FeedEvent e : d.events()) {
                l.apply(e);
                if (e instanceof FeedEvent.Position p) System.out.println(d.date() + " TRADE " + p.account() + " " + p.code() + " " + p.quantity());
            }
            for (String a : l.positions.keySet()) {
                Contract c = byAccount.get(a);
                var max = l.maxSingle(a);
                BigDecimal single = c.limits().singleSecurityMax();
                if (single != null) {
                    first(firsts, a + " single>0.09 " + max.getKey(), max.getValue().compareTo(single.multiply(c.limits().warnFraction())) > 0, d.date());
                    first(firsts, a + " single>max " + max.getKey(), max.getValue().compareTo(single) > 0, d.date());
                }
                BigDecimal smax = c.limits().kinds().get(SecurityKind.STOCK).max();
                BigDecimal sw = l.stockWeight(a);
                first(firsts, a + " STOCK>warn", sw.compareTo(smax.multiply(c.limits().warnFraction())) > 0, d.date());
                first(firsts, a + " STOCK>max", sw.compareTo(smax) > 0, d.date());
                BigDecimal ret = l.returns.get(a);
                first(firsts, a + " ret>high", ret.compareTo(c.returnBand().high()) > 0, d.date());
                first(firsts, a + " ret<low", ret.compareTo(c.returnBand().low()) < 0, d.date());
                first(firsts, a + " ret<0", ret.signum() < 0 && d.date().isAfter(LocalDate.of(2015, 6, 1)), d.date());
                first(firsts, a + " ret<0 early", ret.signum() < 0 && d.date().isBefore(LocalDate.of(2015, 6, 1)), d.date());
                BigDecimal[] mm = minmax.computeIfAbsent(a, k -> new BigDecimal[]{ret, ret});
                mm[0] = mm[0].min(ret);
                mm[1] = mm[1].max(ret);
            }
            BigDecimal firm = l.firmQuantity(DemoDataSet.DISCLOSURE_CODE).divide(BigDecimal.valueOf(total), Ledger.MC);
            first(firsts, "FIRM >=0.05", firm.compareTo(new BigDecimal("0.05")) >= 0, d.date());
            if (firsts.containsKey("FIRM >=0.05"))
                first(firsts, "FIRM back <0.05", firm.compareTo(new BigDecimal("0.05")) < 0, d.date());
            if (d.date().getDayOfMonth() <= 7 && d.date().getDayOfWeek().getValue() == 1)
                System.out.printf("%s firm=%.5f %s%n", d.date(), firm, l.returns);
        }
        firsts.forEach((k, v) -> System.out.println(v + "  " + k));
        minmax.forEach((a, mm) -> System.out.println(a + " return range " + mm[0] + " .. " + mm[1]));
    }

    private static void first(Map<String, String> firsts, String key, boolean cond, LocalDate date) {
        if (cond) firsts.putIfAbsent(key, date.toString());
    }
}
