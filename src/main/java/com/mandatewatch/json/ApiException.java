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

    private static final java.util.Map<String, String> NOUNS = java.util.Map.ofEntries(java.util.Map.entry("alert", "预警"),
            java.util.Map.entry("client", "客户"), java.util.Map.entry("contract", "合同"), java.util.Map.entry("account", "账户"),
            java.util.Map.entry("user", "用户"), java.util.Map.entry("security", "证券"), java.util.Map.entry("change", "变更申请"),
            java.util.Map.entry("assessment", "考核记录"), java.util.Map.entry("silence", "静默"), java.util.Map.entry("token", "API 令牌"));

    /** "未找到预警 abc / not found: alert abc": the Chinese half says what was looked for, not only the English one. */
    public static String notFoundMessage(String what) {
        int space = what.indexOf(' ');
        String noun = space < 0 ? null : NOUNS.get(what.substring(0, space));
        return "未找到" + (noun != null ? noun + " " + what.substring(space + 1) : " " + what) + " / not found: " + what;
    }

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
