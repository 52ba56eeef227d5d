package com.mandatewatch.notify;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.auth.Role;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import com.mandatewatch.engine.Directory;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Who gets an alert's e-mail (SPEC §4, "notify" column); OPS alone for data quality, never client managers. */
public final class Recipients {
    private Recipients() {
    }

    public static List<String> of(Alert a, Directory d) {
        TreeSet<String> to = new TreeSet<>();
        switch (a.rule()) {
            case MATURITY -> {
                d.email(d.managerOfAccount(a.account())).ifPresent(to::add);
                // a contract need not name a trading manager: findFirst on a null would throw and fail the whole batch
                d.contracts().stream().filter(c -> c.code().equals(a.subject())).map(Contract::tradingManager)
                        .filter(java.util.Objects::nonNull).findFirst().flatMap(d::email).ifPresent(to::add);
                if (a.severity() == Severity.CRITICAL) to.addAll(d.emailsOfRole(Role.FINANCE));
            }
            case RETURN_BAND, HOLDING_RATIO -> d.email(d.managerOfAccount(a.account())).ifPresent(to::add);
            case EXCLUDED_SECURITY -> {
                d.email(d.managerOfAccount(a.account())).ifPresent(to::add);
                to.addAll(d.emailsOfRole(Role.SALES_LEAD));
            }
            case DISCLOSURE -> {
                to.addAll(d.emailsOfRole(Role.COMPLIANCE));
                if (a.evidence().get("accounts") instanceof Map<?, ?> accounts) {
                    accounts.keySet().forEach(acc -> d.email(d.managerOfAccount(String.valueOf(acc))).ifPresent(to::add));
                }
            }
            case DATA_QUALITY -> to.addAll(d.emailsOfRole(Role.OPS));
        }
        return List.copyOf(to);
    }

}
