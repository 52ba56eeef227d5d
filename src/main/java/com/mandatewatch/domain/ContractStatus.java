package com.mandatewatch.domain;

/** Contract status; RENEWED, TERMINATED and SETTLED end the maturity reminders. */
public enum ContractStatus {
    PLANNED, ACTIVE, MATURED, RENEWED, TERMINATED, SETTLED;

    /** True while the contract's account is being managed and watched. */
    public boolean watched() { return this == ACTIVE || this == MATURED; }
}
