package com.mandatewatch.auth;

/** The department's roles (SPEC §1); FEED is a producer that may only post to the feed. */
public enum Role {
    ADMIN, CLIENT_MANAGER, SALES_LEAD, MARKETING_MANAGER, RECORDS_CUSTODIAN, TRADING, FINANCE, COMPLIANCE, OPS, FEED;

    /** Roles that see every client's alerts and records; a client manager sees only own clients. */
    public boolean seesAllClients() { return this != CLIENT_MANAGER && this != FEED; }
}
