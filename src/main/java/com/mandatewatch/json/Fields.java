package com.mandatewatch.json;

import com.mandatewatch.domain.DateBounds;
import com.mandatewatch.text.Controls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed fields out of a request body and collects one error per bad field, so that a client learns
 * everything wrong with its request in one answer ({@link #throwIfAny()} → 400).
 */
public final class Fields {
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern UPPER_CODE = Pattern.compile("[A-Za-z0-9._*-]{1,64}");
    private static final Pattern DECIMAL_TEXT = Pattern.compile("[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]{1,4})?");

    private final JsonObject body;
    private final String prefix;
    private final List<ApiException.FieldError> errors;

    public Fields(JsonObject body) {
        this(body == null ? new JsonObject() : body, "", new ArrayList<>());
    }

    private Fields(JsonObject body, String prefix, List<ApiException.FieldError> errors) {
        this.body = body;
        this.prefix = prefix;
        this.errors = errors;
    }

    public void error(String field, String message) {
        errors.add(new ApiException.FieldError(prefix + field, message));
    }

    /** Each field of the body not in {@code known} is an error: a misspelt field would otherwise be dropped unseen. */
    public void onlyKnown(String... known) {
        Set<String> allowed = Set.of(known);
        for (String n : body.fieldNames()) if (!allowed.contains(n)) error(n, "未知字段 / unknown field");
    }

    public boolean has(String field) { return body.containsKey(field) && body.getValue(field) != null; }

    public void throwIfAny() {
        if (!errors.isEmpty()) throw new ApiException(400, "请求内容有误 / invalid request", errors);
    }

    /** A nested object read with the same error list; missing gives an empty object. */
    public Fields object(String field) {
        Object v = body.getValue(field);
        if (v != null && !(v instanceof JsonObject)) error(field, "必须是对象 / must be an object");
        return new Fields(v instanceof JsonObject o ? o : new JsonObject(), prefix + field + ".", errors);
    }

    public Object rawValue(String field) { return body.getValue(field); }

    /** The nested object as it was sent (empty when missing or not an object). */
    public JsonObject rawObject(String field) {
        Object v = body.getValue(field);
        return v instanceof JsonObject o ? o : new JsonObject();
    }

    public String text(String field, boolean required, int maxLength) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) error(field, "必填 / required");
            return null;
        }
        if (!(v instanceof String s)) {
            error(field, "必须是字符串 / must be a string");
            return null;
        }
        if (required && s.isBlank()) {
            error(field, "不能为空 / must not be blank");
            return null;
        }
        if (s.length() > maxLength) {
            error(field, "过长（最多 " + maxLength + " 字符） / too long (max " + maxLength + ")");
            return null;
        }
        // CR/LF and other control characters would end a mail header early (C46): never stored
        if (Controls.inLine(s)) {
            error(field, "不能包含换行或控制字符 / must not contain line breaks or control characters");
            return null;
        }
        return s.strip();
    }

    public String code(String field, boolean required) {
        String s = text(field, required, 64);
        if (s != null && !CODE.matcher(s).matches()) {
            error(field, "只能包含字母、数字和 . _ - / letters, digits and . _ - only");
            return null;
        }
        return s;
    }

    /** "取值无效，可选：A、B / must be one of A, B": the allowed values in both halves, not only the English one. */
    public static String mustBeOneOf(java.util.Collection<?> allowed) {
        List<String> names = allowed.stream().map(String::valueOf).toList();
        return "取值无效，可选：" + String.join("、", names) + " / must be one of " + String.join(", ", names);
    }

    public static String mustBeOneOf(Object[] allowed) { return mustBeOneOf(java.util.Arrays.asList(allowed)); }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required, E fallback) {
        String s = text(field, required, 64);
        if (s == null) return fallback;
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            error(field, mustBeOneOf(type.getEnumConstants()));
            return fallback;
        }
    }

    /** An exact decimal from a JSON string or number (the body was parsed without floating point). */
    public BigDecimal decimal(String field, boolean required, BigDecimal min, BigDecimal max) {
        Object v = body.getValue(field);
        if (v == null) {
            if (required) error(field, "必填 / required");
            return null;
        }
        BigDecimal d;
        try {
            if (v instanceof BigDecimal b) d = b;
            else if (v instanceof Integer || v instanceof Long) d = BigDecimal.valueOf(((Number) v).longValue());
            else if (v instanceof java.math.BigInteger b) d = new BigDecimal(b);
            // ASCII digits only: BigDecimal also reads full-width "１００" as 100, which nobody typed as a number
            else if (v instanceof String s && DECIMAL_TEXT.matcher(s.strip()).matches()) d = new BigDecimal(s.strip());
            else throw new NumberFormatException();
        } catch (NumberFormatException e) {
            error(field, "必须是数字 / must be a number");
            return null;
        }
        if (min != null && d.compareTo(min) < 0) {
            error(field, "不能小于 " + min.toPlainString() + " / must be ≥ " + min.toPlainString());
            return null;
        }
        if (max != null && d.compareTo(max) > 0) {
            error(field, "不能大于 " + max.toPlainString() + " / must be ≤ " + max.toPlainString());
            return null;
        }
        return d;
    }

    /** A whole number sent as text (a query parameter) or a JSON integer, within [min, max]. */
    public Integer integer(String field, int dflt, int min, int max) {
        Object v = body.getValue(field);
        if (v == null) return dflt;
        try {
            // Long.parseLong also reads full-width "２０２５": only ASCII digits are a number here
            String text = String.valueOf(v).strip();
            if (!(v instanceof Number) && !text.matches("[+-]?[0-9]{1,18}")) throw new NumberFormatException(text);
            long l = v instanceof Number n && !(v instanceof BigDecimal) ? n.longValue() : Long.parseLong(text);
            if (l >= min && l <= max) return (int) l;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        error(field, "必须是 " + min + "–" + max + " 的整数 / integer in [" + min + ", " + max + "]");
        return dflt;
    }

    /** A strict ISO date (yyyy-MM-dd): 2026-02-30 is an error, never rolled over to March (C40). */
    public LocalDate date(String field, boolean required) {
        // read generously so that a timestamp or a slashed date is told "not a date", not "too long"
        String s = text(field, required, 64);
        if (s == null) return null;
        try {
            if (!s.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) throw new DateTimeParseException("format", s, 0);
            LocalDate d = LocalDate.parse(s);
            if (DateBounds.contains(d)) return d;
            error(field, DateBounds.REASON);
            return null;
        } catch (DateTimeParseException e) {
            error(field, "日期无效，格式 yyyy-MM-dd / not a valid date (yyyy-MM-dd)");
            return null;
        }
    }

    /**
     * Security codes or flags to exclude: code-shaped ("600000.SH", "ST", "*ST") and upper-case, as codes and flags are
     * written in the market's data; "600000.sh" or "st" would otherwise be stored and never match, a silent hole in
     * the exclusion list.
     */
    public Set<String> upperCodes(String field) {
        Set<String> out = new LinkedHashSet<>();
        JsonArray array = array(field);
        for (int i = 0; array != null && i < array.size(); i++) {
            if (array.getValue(i) instanceof String s && UPPER_CODE.matcher(s.strip()).matches()) {
                out.add(com.mandatewatch.domain.Security.canonical(s.strip()));
            } else {
                error(field + "[" + i + "]", "只能包含字母、数字和 . _ - *（1–64 字符） / letters, digits and . _ - * only (1–64)");
            }
        }
        return out;
    }

    /** The array in the field; null when missing, and an error when it is something else. */
    private JsonArray array(String field) {
        Object v = body.getValue(field);
        if (v != null && !(v instanceof JsonArray)) error(field, "必须是数组 / must be an array");
        return v instanceof JsonArray a ? a : null;
    }

    public Set<String> codes(String field) {
        Set<String> out = new LinkedHashSet<>();
        JsonArray array = array(field);
        for (int i = 0; array != null && i < array.size(); i++) {
            Object item = array.getValue(i);
            if (item instanceof String s && !s.isBlank() && s.length() <= 128 && !Controls.inLine(s)) out.add(s.strip());
            else error(field + "[" + i + "]", "必须是非空字符串 / must be a non-empty string");
        }
        return out;
    }
}
