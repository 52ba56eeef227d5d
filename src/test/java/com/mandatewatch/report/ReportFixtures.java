package com.mandatewatch.report;

import com.mandatewatch.domain.*;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Contract builders for the report tests. */
final class ReportFixtures {
    private ReportFixtures() {
    }

    static BigDecimal d(String s) { return new BigDecimal(s); }

    static Contract contract(String code, String account, String amount, String start, String maturity, ContractType type,
                             ContractStatus status, String expectedRenewal) {
        return new Contract(code, "C001", account, d(amount), LocalDate.parse(start), LocalDate.parse(maturity), type, status,
                null, null, null, null, expectedRenewal == null ? null : d(expectedRenewal), null, RecordStatus.DRAFT);
    }

    static Contract contract(String code, String account, String amount, ContractType type, ContractStatus status) {
        return contract(code, account, amount, "2025-01-02", "2026-01-02", type, status, null);
    }

    static Client client(ClientNature nature) {
        return new Client("C001", "测试客户", nature, "cm1", LifecycleStage.SIGNED, RecordStatus.DRAFT);
    }
}
