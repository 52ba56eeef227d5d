package com.mandatewatch.demo;

import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.ClientNature;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.feed.FeedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoDataSetTest {
    static DemoData data;

    @BeforeAll
    static void build() { data = DemoDataSet.build(); }

    @Test
    @DisplayName("The data set has at least 15 clients of all four natures, coded C001… and owned by cm1..cm4")
    void clients() {
        assertTrue(data.clients().size() >= 15);
        assertEquals(EnumSet.allOf(ClientNature.class),
                data.clients().stream().map(Client::nature).collect(Collectors.toCollection(() -> EnumSet.noneOf(ClientNature.class))));
        Set<String> managers = Set.of("cm1", "cm2", "cm3", "cm4");
        for (int i = 0; i < data.clients().size(); i++) {
            Client c = data.clients().get(i);
            assertEquals(String.format("C%03d", i + 1), c.code());
            assertTrue(managers.contains(c.manager()), c.code());
            assertFalse(c.name().isBlank());
        }
    }

    @Test
    @DisplayName("Users cover every role the brief names, with @example.com addresses")
    void users() {
        Map<String, String> roles = data.users().stream().collect(Collectors.toMap(DemoUser::username, DemoUser::role));
        assertEquals(Map.ofEntries(Map.entry("cm1", "CLIENT_MANAGER"), Map.entry("cm2", "CLIENT_MANAGER"),
                Map.entry("cm3", "CLIENT_MANAGER"), Map.entry("cm4", "CLIENT_MANAGER"),
                Map.entry("lead1", "SALES_LEAD"), Map.entry("mkt1", "MARKETING_MANAGER"),
                Map.entry("rec1", "RECORDS_CUSTODIAN"), Map.entry("trader1", "TRADING"), Map.entry("trader2", "TRADING"),
                Map.entry("fin1", "FINANCE"), Map.entry("comp1", "COMPLIANCE"), Map.entry("ops1", "OPS")), roles);
        data.users().forEach(u -> assertEquals(u.username() + "@example.com", u.email()));
    }

    @Test
    @DisplayName("At least 20 contracts of all four types, 1千万 to 10亿, on known clients, accounts and traders")
    void contracts() {
        assertTrue(data.contracts().size() >= 20);
        assertEquals(EnumSet.allOf(ContractType.class), data.contracts().stream().map(Contract::type)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ContractType.class))));
        Set<String> clients = data.clients().stream().map(Client::code).collect(Collectors.toSet());
        Set<String> accounts = new HashSet<>();
        BigDecimal min = new BigDecimal("10000000.00"), max = new BigDecimal("1000000000.00");
        for (Contract c : data.contracts()) {
            assertTrue(c.code().matches("K-20\\d\\d-\\d{3}"), c.code());
            assertTrue(clients.contains(c.clientCode()), c.code());
            assertTrue(accounts.add(c.account()), "account used twice: " + c.account());
            assertTrue(c.amount().compareTo(min) >= 0 && c.amount().compareTo(max) <= 0, c.code());
            assertTrue(Set.of("trader1", "trader2").contains(c.tradingManager()), c.code());
            assertTrue(c.startDate().isBefore(c.maturityDate()), c.code());
            assertTrue(c.returnBand().low().compareTo(c.returnBand().high()) < 0, c.code());
            assertNotNull(c.limits().kinds().get(SecurityKind.STOCK).max(), c.code());
            assertTrue(!c.maturityDate().isBefore(LocalDate.of(2015, 2, 1))
                    && !c.maturityDate().isAfter(LocalDate.of(2016, 12, 31)), c.code());
        }
        assertEquals(0, data.contracts().stream().map(Contract::amount).min(BigDecimal::compareTo).orElseThrow().compareTo(min));
        assertEquals(0, data.contracts().stream().map(Contract::amount).max(BigDecimal::compareTo).orElseThrow().compareTo(max));
        long planned = data.contracts().stream().filter(c -> c.status() == ContractStatus.PLANNED).count();
        assertTrue(planned >= 2);
        assertEquals(data.contracts().size() - planned,
                data.contracts().stream().filter(c -> c.status() == ContractStatus.ACTIVE).count());
        data.contracts().stream().filter(c -> c.status() == ContractStatus.PLANNED)
                .forEach(c -> assertTrue(c.startDate().isAfter(data.replayStart()), c.code()));
    }

    @Test
    @DisplayName("Several contracts reach their two-month maturity warning in the first weeks, others much later")
    void maturities() {
        List<LocalDate> firstWarnings = data.contracts().stream().filter(c -> c.status() == ContractStatus.ACTIVE)
                .map(c -> c.maturityDate().minusMonths(2)).sorted().toList();
        assertTrue(firstWarnings.stream().filter(d -> d.isBefore(LocalDate.of(2015, 3, 31))).count() >= 3, firstWarnings.toString());
        assertTrue(firstWarnings.stream().filter(d -> d.isAfter(LocalDate.of(2016, 1, 1))).count() >= 3, firstWarnings.toString());
    }

    @Test
    @DisplayName("Securities are the 64 priced stocks with real names, issuers and total shares, plus one unpriced stock")
    void securities() {
        assertEquals(65, data.securities().size());
        Set<String> priced = opening(FeedEvent.Price.class).stream().map(FeedEvent.Price::code).collect(Collectors.toSet());
        assertEquals(64, priced.size());
        for (Security s : data.securities()) {
            assertEquals(SecurityKind.STOCK, s.kind());
            assertTrue(s.code().matches("\\d{6}\\.(SH|SZ)"), s.code());
            assertTrue(s.totalShares() > 0, s.code());
            assertTrue(s.issuer().endsWith("公司"), s.issuer());
        }
        Security moutai = data.securities().stream().filter(s -> s.code().equals("600519.SH")).findFirst().orElseThrow();
        assertEquals("贵州茅台", moutai.name());
        assertEquals(1_256_197_800L, moutai.totalShares());
        Set<String> unpriced = data.securities().stream().map(Security::code).filter(c -> !priced.contains(c))
                .collect(Collectors.toSet());
        assertEquals(Set.of(DemoDataSet.UNPRICED_CODE), unpriced);
    }

    @Test
    @DisplayName("Opening events: prices then positions, at the start 09:00+08:00, ids null, whole lots, NAV = amount")
    void openingPortfolios() {
        OffsetDateTime open = OffsetDateTime.of(2015, 1, 5, 9, 0, 0, 0, ZoneOffset.ofHours(8));
        boolean seenPosition = false;
        for (FeedEvent e : data.openingEvents()) {
            assertNull(e.id());
            assertEquals(open, e.ts());
            if (e instanceof FeedEvent.Position) seenPosition = true;
            else assertFalse(seenPosition, "a price after the positions");
        }
        Ledger l = new Ledger();
        data.openingEvents().forEach(l::apply);
        // closes of 2014-12-31
        assertEquals(0, new BigDecimal("189.62").compareTo(l.prices.get("600519.SH")));
        Map<String, Contract> byAccount = new HashMap<>();
        data.contracts().forEach(c -> byAccount.put(c.account(), c));
        for (Contract c : data.contracts()) {
            if (c.status() != ContractStatus.ACTIVE) {
                assertFalse(l.positions.containsKey(c.account()), c.account() + " is planned but has positions");
                continue;
            }
            assertTrue(l.positions.containsKey(c.account()), c.account());
            assertEquals(0, c.amount().compareTo(l.nav(c.account())), c.account() + " NAV at start");
            BigDecimal cash = l.positions.get(c.account()).get(Security.CASH_CODE);
            assertTrue(cash != null && cash.signum() > 0, c.account() + " cash");
            assertTrue(l.stockWeight(c.account()).compareTo(c.limits().kinds().get(SecurityKind.STOCK).max()) <= 0,
                    c.account() + " starts above its STOCK max");
            l.positions.get(c.account()).forEach((code, q) -> {
                if (!code.equals(Security.CASH_CODE)) {
                    assertEquals(0, q.remainder(BigDecimal.valueOf(100)).signum(), c.account() + " " + code + " lots");
                    assertTrue(q.signum() > 0);
                }
            });
            BigDecimal single = c.limits().singleSecurityMax();
            if (single != null) {
                assertTrue(l.maxSingle(c.account()).getValue().compareTo(single) <= 0, c.account() + " starts in breach");
            }
        }
        assertEquals(byAccount.keySet().size() - 2, l.positions.size());
    }

    @Test
    @DisplayName("Building is deterministic and fast")
    void deterministicAndFast() {
        long t0 = System.nanoTime();
        DemoData again = DemoDataSet.build();
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(data, again);
        assertTrue(millis < 2000, "build took " + millis + " ms");
    }

    @Test
    @DisplayName("Every scripted trade is on a trading day of its stock, in an account of the data set")
    void scriptedTradesAreTradable() {
        PriceTable table = PriceTable.get();
        Set<String> accounts = data.contracts().stream().filter(c -> c.status() == ContractStatus.ACTIVE)
                .map(Contract::account).collect(Collectors.toSet());
        for (ScriptedTrade t : DemoDataSet.scriptedTrades()) {
            int d = table.indexOnOrAfter(t.date());
            assertEquals(t.date(), table.dates().get(d), t + " is not a trading day");
            assertTrue(table.traded(d, t.code()), t + ": stock suspended that day");
            assertTrue(accounts.contains(t.account()), t.toString());
        }
    }

    private static <T extends FeedEvent> List<T> opening(Class<T> type) {
        return data.openingEvents().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
