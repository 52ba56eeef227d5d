package com.mandatewatch.rules;

import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.Severity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Owns DISCLOSURE (举牌): the firm-wide holding of one security, summed over all accounts (C13), against the 5% ladder
 * and the last filed disclosure.
 */
public final class DisclosureRule {
    public static final String FIRM = "FIRM";

    static final BigDecimal STEP = new BigDecimal("0.05");
    static final BigDecimal APPROACH = new BigDecimal("0.045");
    static final BigDecimal NOTICE = new BigDecimal("0.01");
    private static final BigDecimal STEPS_PER_UNIT = BigDecimal.valueOf(20);

    private enum Trigger { REACHED, APPROACH, CROSSED_UP, CROSSED_DOWN, CHANGE }

    private DisclosureRule() {
    }

    /**
     * Firm-wide disclosure for one security; filedRatio is the ratio of the last filed disclosure or null. account
     * of the Condition is "FIRM", subject the code. Empty when totalShares ≤ 0 (cannot be measured). firmQuantity
     * null means Σ quantityByAccount.
     */
    public static Optional<Condition> evaluate(Security security, BigDecimal firmQuantity,
                                               Map<String, BigDecimal> quantityByAccount, BigDecimal filedRatio) {
        if (security == null || security.totalShares() <= 0) {
            return Optional.empty();
        }
        Map<String, BigDecimal> accounts = quantityByAccount == null ? Map.of() : quantityByAccount;
        BigDecimal q = firmQuantity != null ? firmQuantity
                : accounts.values().stream().filter(v -> v != null).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal total = BigDecimal.valueOf(security.totalShares());

        // Every verdict below is taken on q against threshold × total: exact, no division decides anything.
        BigDecimal step = stepOf(q, total);
        Trigger trigger;
        BigDecimal limit;
        if (filedRatio == null) {
            if (step.signum() > 0) {
                trigger = Trigger.REACHED;
                limit = STEP.multiply(step);
            } else if (q.compareTo(APPROACH.multiply(total)) >= 0) {
                trigger = Trigger.APPROACH;
                limit = STEP;
            } else {
                return Optional.empty();
            }
        } else {
            BigDecimal filedStep = filedRatio.multiply(STEPS_PER_UNIT).setScale(0, RoundingMode.FLOOR);
            int cmp = step.compareTo(filedStep);
            if (cmp > 0) {
                trigger = Trigger.CROSSED_UP;
                limit = STEP.multiply(step);
            } else if (cmp < 0) {
                // The threshold now just above the holding is the one it fell through.
                trigger = Trigger.CROSSED_DOWN;
                limit = STEP.multiply(step.add(BigDecimal.ONE));
            } else if (q.compareTo(STEP.multiply(total)) >= 0
                    && q.compareTo(filedRatio.add(NOTICE).multiply(total)) >= 0) {
                trigger = Trigger.CHANGE;
                limit = filedRatio.add(NOTICE);
            } else if (q.compareTo(STEP.multiply(total)) >= 0
                    && q.compareTo(filedRatio.subtract(NOTICE).multiply(total)) <= 0) {
                trigger = Trigger.CHANGE;
                limit = filedRatio.subtract(NOTICE);
            } else {
                return Optional.empty();
            }
        }

        BigDecimal[] thresholds = filedRatio == null
                ? new BigDecimal[]{limit, STEP, APPROACH, STEP.multiply(step), STEP.multiply(step.add(BigDecimal.ONE))}
                : new BigDecimal[]{limit, STEP, STEP.multiply(step), STEP.multiply(step.add(BigDecimal.ONE)),
                        filedRatio, filedRatio.add(NOTICE), filedRatio.subtract(NOTICE)};
        BigDecimal ratio = Ratio.of(q, total, thresholds);
        String shown = Percent.formatAgainst(ratio, thresholds);
        String code = security.code();
        String filed = filedRatio == null ? null : Percent.format(filedRatio, null);
        String lim = Percent.formatLimit(limit);

        // the short name beside the code: compliance speaks of 中金黄金, not of 600489.SH
        boolean named = security.name() != null && !security.name().equals(code);
        String head = "全公司合计持有 " + code + (named ? "（" + security.name() + "）" : " ") + shown + "，";
        String headEn = "Firm-wide holding of " + code + (named ? " (" + security.name() + ")" : "") + " is " + shown + ", ";
        String zh;
        String en;
        Severity severity;
        switch (trigger) {
            case REACHED -> {
                severity = Severity.CRITICAL;
                zh = head + "达到 " + lim + " 举牌线，需公告";
                en = headEn + "reaching the " + lim + " disclosure threshold; disclosure required";
            }
            case APPROACH -> {
                severity = Severity.WARNING;
                zh = head + "接近 " + lim + " 举牌线（预警线 " + Percent.formatLimit(APPROACH) + "）";
                en = headEn + "approaching the " + lim + " disclosure threshold (warning line "
                        + Percent.formatLimit(APPROACH) + ")";
            }
            case CROSSED_UP -> {
                severity = Severity.CRITICAL;
                zh = head + "较上次披露 " + filed + " 越过 " + lim + " 档，需公告";
                en = headEn + "crossing the " + lim + " step since the last filed " + filed + "; disclosure required";
            }
            case CROSSED_DOWN -> {
                severity = Severity.CRITICAL;
                zh = head + "较上次披露 " + filed + " 跌破 " + lim + " 档，需公告";
                en = headEn + "falling below the " + lim + " step since the last filed " + filed
                        + "; disclosure required";
            }
            case CHANGE -> {
                severity = Severity.WARNING;
                zh = head + "较上次披露 " + filed + " 变动达 " + Percent.formatLimit(NOTICE) + "，需关注变动披露";
                en = headEn + "a change of " + Percent.formatLimit(NOTICE) + " or more since the last filed " + filed
                        + "; check the change-disclosure duty";
            }
            default -> throw new IllegalStateException("unknown trigger " + trigger);
        }

        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("code", code);
        evidence.put("totalShares", Long.toString(security.totalShares()));
        evidence.put("firmQuantity", Ratio.plain(q));
        evidence.put("ratio", Ratio.plain(ratio));
        if (filedRatio != null) {
            evidence.put("filedRatio", Ratio.plain(filedRatio));
        }
        evidence.put("trigger", trigger.name());
        evidence.put("accounts", contributing(accounts));
        return Optional.of(new Condition(Rule.DISCLOSURE, FIRM, code, severity, ratio, limit, zh, en, evidence));
    }

    /** floor(q / total / 5%) computed as floor(20 q / total): the 5% step reached, exactly. */
    private static BigDecimal stepOf(BigDecimal q, BigDecimal total) {
        return q.multiply(STEPS_PER_UNIT).divide(total, 0, RoundingMode.FLOOR);
    }

    /** The accounts that hold the security, sorted for a stable display; zero holdings are not contributors. */
    private static Map<String, String> contributing(Map<String, BigDecimal> accounts) {
        Map<String, String> out = new TreeMap<>();
        accounts.forEach((account, qty) -> {
            if (account != null && qty != null && qty.signum() != 0) {
                out.put(account, Ratio.plain(qty));
            }
        });
        return Collections.unmodifiableMap(out);
    }
}
