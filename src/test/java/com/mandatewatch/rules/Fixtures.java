package com.mandatewatch.rules;

import com.mandatewatch.domain.Bounds;
import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Exclusions;
import com.mandatewatch.domain.Limits;
import com.mandatewatch.domain.ReturnBand;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test data builders shared by the rule tests. */
final class Fixtures {
    static final BusinessCalendar CAL = BusinessCalendar.loadDefault();
    static final String ACCOUNT = "A001";

    private Fixtures() {
    }

    static BigDecimal d(String s) {
        return s == null || s.isBlank() ? null : new BigDecimal(s.trim());
    }

    static LocalDate date(String s) {
        return LocalDate.parse(s.trim());
    }

    static Security security(String code, SecurityKind kind) {
        return new Security(code, code, kind, "issuer of " + code, 1_000_000_000L, Set.of());
    }

    static Security stock(String code) {
        return security(code, SecurityKind.STOCK);
    }

    static Holding holding(Security s, String quantity, String price) {
        return new Holding(s.code(), d(quantity), d(price), s);
    }

    static Holding cash(String amount) {
        return new Holding(Security.CASH_CODE, d(amount), null, null);
    }

    static AccountView view(BigDecimal cumulativeReturn, Holding... holdings) {
        return new AccountView(ACCOUNT, List.of(holdings), cumulativeReturn);
    }

    static AccountView view(Holding... holdings) {
        return view(null, holdings);
    }

    static Contract contract(Limits limits, Exclusions excluded, ReturnBand band, ContractType type) {
        return new Contract("K-2024-007", "C001", ACCOUNT, d("300000000.00"), date("2024-05-06"), date("2025-05-06"),
                type, ContractStatus.ACTIVE, d("0.06"), band, limits, excluded, d("100000000.00"), "trader1", null);
    }

    static Contract withLimits(Limits limits) {
        return contract(limits, null, null, ContractType.NO_GUARANTEE);
    }

    static Contract maturing(LocalDate maturity, ContractStatus status) {
        return new Contract("K-2024-007", "C001", ACCOUNT, d("300000000.00"), maturity.minusYears(1), maturity,
                ContractType.NO_GUARANTEE, status, d("0.06"), null, null, null, null, "trader1", null);
    }

    static Limits singleMax(String max) {
        return new Limits(Map.of(), d(max), null);
    }

    static Limits kind(SecurityKind kind, String min, String max) {
        return new Limits(Map.of(kind, new Bounds(d(min), d(max))), null, null);
    }

    static List<Condition> of(List<Condition> all, Rule rule) {
        return all.stream().filter(c -> c.rule() == rule).toList();
    }

    /** The whole condition as text, to check that no NaN or Infinity leaks anywhere (C09). */
    static String dump(List<Condition> all) {
        return all.toString();
    }
}
