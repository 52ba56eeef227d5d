package com.mandatewatch.domain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An entrusted-management contract (委托合同) and the mandate that governs its account. */
public record Contract(String code, String clientCode, String account, BigDecimal amount, LocalDate startDate,
                       LocalDate maturityDate, ContractType type, ContractStatus status, BigDecimal targetReturn,
                       ReturnBand returnBand, Limits limits, Exclusions excluded, BigDecimal expectedRenewal,
                       String tradingManager, RecordStatus recordStatus) {
    public Contract {
        limits = limits == null ? Limits.NONE : limits;
        excluded = excluded == null ? Exclusions.NONE : excluded;
        returnBand = returnBand == null ? new ReturnBand(null, null) : returnBand;
        recordStatus = recordStatus == null ? RecordStatus.DRAFT : recordStatus;
    }
}
