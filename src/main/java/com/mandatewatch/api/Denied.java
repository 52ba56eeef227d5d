package com.mandatewatch.api;

import com.mandatewatch.json.ApiException;

/**
 * A request refused because of who asks: 403 for a role that may not do it, or 404 for a record that exists but
 * belongs to another client manager (answered as if it did not exist, C42). The failure handler writes every such
 * refusal to the audit log, so that a probe of other people's records leaves a trace.
 */
public final class Denied extends ApiException {
    public Denied(int status, String message) {
        super(status, message);
    }

    /** Another manager's record: 404 like a missing one, so that codes cannot be probed, but audited. */
    public static Denied hidden(String what) {
        return new Denied(404, com.mandatewatch.json.ApiException.notFoundMessage(what));
    }
}
