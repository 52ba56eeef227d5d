package com.mandatewatch.json;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** A request that cannot be served, with the HTTP status and, for bad input, one detail per bad field. */
public class ApiException extends RuntimeException {
    private final int status;
    private final List<FieldError> details;

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public ApiException(int status, String message, List<FieldError> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
    }

    public int status() { return status; }

    public List<FieldError> details() { return details; }

    /** The one error body of SPEC §7: {"error","details":[{"field","message"}]}. */
    public JsonObject toJson() {
        JsonArray d = new JsonArray();
        details.forEach(f -> d.add(new JsonObject().put("field", f.field()).put("message", f.message())));
        return new JsonObject().put("error", getMessage()).put("details", d);
    }

    public record FieldError(String field, String message) {
    }
}
