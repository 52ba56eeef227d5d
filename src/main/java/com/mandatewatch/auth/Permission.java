package com.mandatewatch.auth;

import com.mandatewatch.domain.Rule;

import java.util.EnumSet;
import java.util.Set;

import static com.mandatewatch.auth.Role.*;

/**
 * The department's permission table (SPEC §1, README "Roles"): which roles may do each thing the API offers. Every
 * route asks this one table, so that who sees what is decided in one place and read in one place. A client manager
 * is further limited to own clients, and some roles see only the alert rules that concern them ({@link #alertRules}).
 */
public enum Permission {
    MANAGE_USERS(ADMIN),
    /** Clients and contracts, their lists, exports, print views and the classification report. */
    READ_RECORDS(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, RECORDS_CUSTODIAN, TRADING, FINANCE, COMPLIANCE),
    /** Create, edit and delete drafts of clients and contracts, add contact records. */
    EDIT_RECORDS(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER),
    /** The contact log: the relationship itself, not the money; not for trading, finance or operations. */
    READ_CONTACTS(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, RECORDS_CUSTODIAN, COMPLIANCE),
    SEAL_RECORDS(ADMIN, RECORDS_CUSTODIAN),
    READ_CHANGES(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER),
    /** Supervisors only: ADMIN manages users, not records. */
    DECIDE_CHANGES(SALES_LEAD, MARKETING_MANAGER),
    READ_AUDIT(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, COMPLIANCE),
    READ_SECURITIES(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, RECORDS_CUSTODIAN, TRADING, FINANCE, COMPLIANCE, OPS),
    /** Positions, prices, weights: the trading desk and operations (unvalued positions) need them, finance does not. */
    READ_ACCOUNTS(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, TRADING, COMPLIANCE, OPS),
    POST_FEED(ADMIN, OPS, FEED),
    /** Dead letters and the mail outbox. */
    READ_OPERATIONS(ADMIN, OPS),
    /** Alerts, the WebSocket and silences, limited further by {@link #alertRules}. */
    READ_ALERTS(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, TRADING, FINANCE, COMPLIANCE, OPS),
    ACK_ALERTS(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, TRADING, FINANCE, COMPLIANCE, OPS),
    EDIT_SILENCES(ADMIN, SALES_LEAD, MARKETING_MANAGER, COMPLIANCE, OPS),
    READ_DISCLOSURES(ADMIN, SALES_LEAD, MARKETING_MANAGER, COMPLIANCE),
    FILE_DISCLOSURES(ADMIN, COMPLIANCE),
    /** The funding plan: sales, the trading desk and finance. */
    READ_MATURITY_REPORT(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, TRADING, FINANCE, COMPLIANCE),
    READ_ASSESSMENTS(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, COMPLIANCE),
    SCORE_MANAGERS(SALES_LEAD, MARKETING_MANAGER),
    /** Business time and unsent mail, shown in the page header to everyone signed in. */
    READ_STATUS(ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, RECORDS_CUSTODIAN, TRADING, FINANCE, COMPLIANCE, OPS);

    private final Set<Role> roles;

    Permission(Role... roles) {
        this.roles = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    /**
     * The alert rules a role reads, after {@link #READ_ALERTS}: the trading desk and finance are told about
     * maturities, operations about data quality (SPEC §1 and the notify column of §4); everyone else reads all.
     */
    public static Set<Rule> alertRules(Role role) {
        return switch (role) {
            case TRADING, FINANCE -> EnumSet.of(Rule.MATURITY);
            case OPS -> EnumSet.of(Rule.DATA_QUALITY);
            default -> READ_ALERTS.allows(role) ? EnumSet.allOf(Rule.class) : EnumSet.noneOf(Rule.class);
        };
    }
}
