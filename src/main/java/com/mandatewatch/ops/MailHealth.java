package com.mandatewatch.ops;

/**
 * Whether mail is getting through, for /health/ready (C32): DEGRADED after a send failed for a reason that
 * concerns the server (timeout, refused, 4xx), UP again after the next success. A bad address is not the
 * server's fault and does not degrade it. Written by the mail sender, read by the health check.
 */
public final class MailHealth {
    private volatile String state;

    public MailHealth(boolean configured) {
        this.state = configured ? "UP" : "NOT_CONFIGURED";
    }

    public void sent() { state = "UP"; }

    public void serverFailed() { state = "DEGRADED"; }

    public String state() { return state; }
}
