package com.mandatewatch.notify;

import io.vertx.ext.mail.SMTPException;

import java.util.concurrent.TimeoutException;

/**
 * Classifies a failed send (HOUSE 6): only what may succeed later is retried. A 5xx reply is permanent;
 * a 4xx reply, a refused or dropped connection and a timeout are transient. Timeouts get their own reason
 * so that a server that never answers shows on /metrics (C32).
 */
public enum SendFailure {
    TRANSIENT, TIMEOUT, PERMANENT;

    /** The mw_emails_failed_total reason label. */
    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }

    public boolean retried() { return this != PERMANENT; }

    public static SendFailure of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SMTPException s) return s.isPermanent() ? PERMANENT : TRANSIENT;
            // an address the client cannot even parse (legacy data with a line break, C46) never heals by retrying
            if (t instanceof IllegalArgumentException) return PERMANENT;
            if (t instanceof TimeoutException || t instanceof io.netty.handler.timeout.TimeoutException) return TIMEOUT;
        }
        return TRANSIENT;
    }
}
