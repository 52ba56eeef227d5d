package com.mandatewatch.engine.ledger;

import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.SecurityKind;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: a ledger's verdicts and a list of rule conditions, both as fingerprint → severity (kinds: min/max). */
final class LedgerChecks {
    private LedgerChecks() {
    }

    /** What the ledger holds for one account now, keyed like the alerts it stands for. */
    static Map<String, String> verdicts(Ledger ledger, int account) {
        Map<String, String> out = new TreeMap<>();
        ledger.conditions(account, (a, subject, id, from, to) -> out.put(fingerprint(ledger, a, subject, id), label(subject, to)));
        return out;
    }

    /** What the BigDecimal rules say, in the same terms. */
    static Map<String, String> expected(List<Condition> conditions) {
        Map<String, String> out = new TreeMap<>();
        for (Condition c : conditions) {
            String label = c.severity().name();
            if (c.rule() == Rule.HOLDING_RATIO && c.severity().name().equals("CRITICAL")) {
                label = c.message().contains("低于下限") ? "CRITICAL/min" : "CRITICAL/max";
            }
            out.put(c.fingerprint(), label);
        }
        return out;
    }

    static String fingerprint(Ledger ledger, int a, int subject, int id) {
        String account = a < 0 ? "FIRM" : ledger.accountCode(a);
        return switch (subject) {
            case VerdictSink.NAV -> "DATA_QUALITY:" + account + ":NAV";
            case VerdictSink.KIND -> "HOLDING_RATIO:" + account + ":" + SecurityKind.values()[id].name();
            case VerdictSink.STOCK -> "HOLDING_RATIO:" + account + ":" + ledger.securityCode(id);
            case VerdictSink.EXCLUDED -> "EXCLUDED_SECURITY:" + account + ":" + ledger.securityCode(id);
            case VerdictSink.UNVALUED -> "DATA_QUALITY:" + account + ":" + ledger.securityCode(id);
            case VerdictSink.RETURN_LOW -> "RETURN_BAND:" + account + ":LOW";
            case VerdictSink.RETURN_HIGH -> "RETURN_BAND:" + account + ":HIGH";
            case VerdictSink.DISCLOSURE -> "DISCLOSURE:FIRM:" + ledger.securityCode(id);
            default -> throw new IllegalArgumentException("subject " + subject);
        };
    }

    static String label(int subject, int code) {
        if (code == 0) return null;
        if (code == 1) return "WARNING";
        if (subject == VerdictSink.KIND || subject == VerdictSink.STOCK) return code == 3 ? "CRITICAL/min" : "CRITICAL/max";
        return "CRITICAL";
    }
}
