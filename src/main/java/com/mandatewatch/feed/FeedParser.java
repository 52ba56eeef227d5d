package com.mandatewatch.feed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.mandatewatch.domain.DateBounds;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.text.Controls;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns feed messages (SPEC §3) into {@link FeedEvent}s. Pure and stateless: it checks syntax, types and
 * value ranges only, never reference data (an unknown security code is a valid position). It never throws:
 * every failure becomes a {@link ParsedLine} with a short reason, Chinese first, then English, naming the
 * field, so one bad line can never take its neighbours down (CASES C02).
 *
 * <p>Numbers are read from their text straight into {@link BigDecimal}, never through {@code double}.
 * Timestamps are parsed strictly: an impossible date such as 30 February is rejected, never rolled over
 * (CASES C40).
 */
public final class FeedParser {
    public static final int MAX_LINE_CHARS = 65536;
    static final int MAX_ID_CHARS = 128;
    /** Nesting allowed inside one message; real messages need 2 (the flags array). */
    static final int MAX_DEPTH = 16;
    /**
     * Bounds on a number's digits before and after the point. Far beyond any real price or holding, but they
     * stop a value like {@code 1e-999999999} from making later exact arithmetic or display blow up.
     */
    static final int MAX_INTEGER_DIGITS = 30;
    static final int MAX_FRACTION_DIGITS = 30;

    private static final Pattern SECURITY_CODE = Pattern.compile("[A-Za-z0-9.]{1,32}");
    private static final Pattern ACCOUNT_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A decimal number written as a string; ASCII digits only, no sign '+', no NaN / Infinity / hex. */
    private static final Pattern NUMBER_TEXT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final String KINDS =
            Arrays.stream(SecurityKind.values()).map(Enum::name).collect(Collectors.joining("|"));

    /** Defaults are strict: no comments, NaN, single quotes or leading zeros. Duplicate keys are caught here. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private FeedParser() {
    }

    /** Parses one message; {@code lineNo} is only copied into the result. */
    public static ParsedLine parseLine(int lineNo, String line) {
        try {
            return ParsedLine.accepted(lineNo, parse(line));
        } catch (Reject r) {
            return ParsedLine.rejected(lineNo, r.getMessage());
        } catch (IOException | RuntimeException e) {
            // Jackson's syntax errors are IOExceptions; anything else is a bug here, but still only this line's
            return ParsedLine.rejected(lineNo, e instanceof IOException
                    ? "无法解析的 JSON / unparsable JSON"
                    : "解析器内部错误 / internal parser error " + e.getClass().getSimpleName());
        }
    }

    /**
     * Parses an NDJSON body: splits on {@code \n} (a trailing {@code \r} is dropped), strips a leading UTF-8 BOM,
     * skips blank lines (not counted as rejected, but counted in line numbers so that a reported line number
     * is the line in the body), and returns one result per non-blank line, in order.
     */
    public static List<ParsedLine> parseBatch(String body) {
        List<ParsedLine> out = new ArrayList<>();
        if (body == null) {
            return out;
        }
        int start = body.startsWith("\uFEFF") ? 1 : 0;
        int lineNo = 0;
        while (true) {
            int nl = body.indexOf('\n', start);
            int end = nl < 0 ? body.length() : nl;
            int contentEnd = end > start && body.charAt(end - 1) == '\r' ? end - 1 : end;
            lineNo++;
            if (contentEnd - start > MAX_LINE_CHARS) {
                out.add(ParsedLine.rejected(lineNo, tooLong(contentEnd - start)));
            } else if (!isBlank(body, start, contentEnd)) {
                out.add(parseLine(lineNo, body.substring(start, contentEnd)));
            }
            if (nl < 0) {
                return out;
            }
            start = nl + 1;
        }
    }

    // ---------------------------------------------------------------------------------------------- parsing

    private static FeedEvent parse(String line) throws IOException {
        if (line == null) {
            throw new Reject("空行 / empty line");
        }
        if (line.length() > MAX_LINE_CHARS) {
            throw new Reject(tooLong(line.length()));
        }
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        if (isBlank(line, 0, line.length())) {
            throw new Reject("空行 / empty line");
        }
        // the body was decoded leniently: a replacement character marks bytes that were not UTF-8 on this line
        if (line.indexOf('\uFFFD') >= 0) {
            throw new Reject("不是有效的 UTF-8 / not valid UTF-8");
        }
        Map<String, Object> msg = readObject(line);

        Object typeValue = msg.get("type");
        if (absent(typeValue)) {
            throw missing("type");
        }
        if (!(typeValue instanceof String type)) {
            throw new Reject("type 必须是字符串 / type must be a string");
        }
        // check type before anything else: for an unknown type the other fields mean nothing
        switch (type) {
            case "security", "price", "position", "return", "clock" -> { }
            default -> throw new Reject("未知类型 " + show(type) + " / unknown type " + show(type));
        }
        OffsetDateTime ts = timestamp(msg);
        String id = id(msg);
        return switch (type) {
            case "security" -> security(msg, id, ts);
            case "price" -> {
                String code = securityCode(msg, "code");
                BigDecimal price = requiredNumber(msg, "price");
                if (price.signum() <= 0) {
                    throw new Reject("price 必须大于 0 / price must be > 0");
                }
                yield new FeedEvent.Price(id, ts, code, price);
            }
            case "position" -> {
                String account = account(msg);
                String code = securityCode(msg, "code");
                BigDecimal quantity = requiredNumber(msg, "quantity");
                // an overdrawn cash line is a fact to value (NAV ≤ 0 is DATA_QUALITY, C09b); a short stock is not held here
                if (quantity.signum() < 0 && !Security.CASH_CODE.equals(code)) {
                    throw new Reject("quantity 不能为负（现金 CASH 除外） / quantity must be >= 0 (except CASH)");
                }
                yield new FeedEvent.Position(id, ts, account, code, quantity);
            }
            case "return" -> {
                String account = account(msg);
                BigDecimal r = requiredNumber(msg, "cumulativeReturn");
                if (r.compareTo(BigDecimal.ONE.negate()) < 0) {
                    throw new Reject("cumulativeReturn 不能小于 -1 / cumulativeReturn must be >= -1");
                }
                yield new FeedEvent.Return(id, ts, account, r);
            }
            default -> new FeedEvent.Clock(id, ts);
        };
    }

    private static FeedEvent.SecurityUpdate security(Map<String, Object> msg, String id, OffsetDateTime ts) {
        String code = securityCode(msg, "code");
        String kindText = requiredString(msg, "kind");
        SecurityKind kind;
        try {
            kind = SecurityKind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw new Reject("kind 无效 " + show(kindText) + "，可选：" + KINDS + " / kind must be one of " + KINDS);
        }
        String name = optionalText(msg, "name");
        String issuer = optionalText(msg, "issuer");
        long totalShares = 0;
        BigDecimal shares = optionalNumber(msg, "totalShares");
        if (shares != null) {
            // 0 would make the firm's stake unmeasurable and end an open disclosure silently: leave it out when unknown
            if (shares.signum() <= 0) {
                throw new Reject("totalShares 必须大于 0，未知时请省略 / totalShares must be > 0; leave it out when unknown");
            }
            if (shares.signum() != 0 && shares.stripTrailingZeros().scale() > 0) {
                throw new Reject("totalShares 必须是整数 / totalShares must be an integer");
            }
            try {
                totalShares = shares.longValueExact();
            } catch (ArithmeticException e) {
                throw new Reject("totalShares 超出范围 / totalShares out of range");
            }
        }
        Set<String> flags = new LinkedHashSet<>();
        Object flagsValue = msg.get("flags");
        if (!absent(flagsValue)) {
            if (!(flagsValue instanceof List<?> list)) {
                throw new Reject("flags 必须是字符串数组 / flags must be an array of strings");
            }
            for (Object f : list) {
                if (!(f instanceof String s) || s.isBlank()) {
                    throw new Reject("flags 必须是字符串数组 / flags must be an array of strings");
                }
                flags.add(Security.canonical(text("flags", s))); // "st" is matched against the exclusions as "ST"
            }
        }
        return new FeedEvent.SecurityUpdate(id, ts, new Security(code, name, kind, issuer, totalShares, flags));
    }

    // ------------------------------------------------------------------------------------------- fields

    private static OffsetDateTime timestamp(Map<String, Object> msg) {
        String s = requiredString(msg, "ts");
        try {
            // ISO_OFFSET_DATE_TIME resolves STRICTly: 2026-02-30 fails instead of becoming 2026-03-02
            OffsetDateTime t = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (!DateBounds.contains(t)) throw new Reject(DateBounds.reasonFor("ts"));
            return t;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                throw new Reject("ts 缺少时区 / ts needs an offset");
            } catch (DateTimeParseException notLocalEither) {
                throw new Reject("ts 不是有效的 ISO-8601 时间 / ts is not a valid ISO-8601 timestamp");
            }
        }
    }

    private static String id(Map<String, Object> msg) {
        Object v = msg.get("id");
        if (absent(v)) {
            return null;
        }
        String s;
        if (v instanceof String str) {
            s = str;
        } else if (v instanceof JsonNumber n) {
            s = n.text();
        } else {
            throw new Reject("id 必须是字符串 / id must be a string");
        }
        if (s.isBlank()) {
            throw new Reject("id 不能为空 / id must not be empty");
        }
        if (s.length() > MAX_ID_CHARS) {
            throw new Reject("id 过长 / id longer than " + MAX_ID_CHARS + " chars");
        }
        return text("id", s);
    }

    private static String securityCode(Map<String, Object> msg, String field) {
        String s = requiredString(msg, field);
        if (!SECURITY_CODE.matcher(s).matches()) {
            throw new Reject(field + " 格式无效 / " + field + " must match [A-Za-z0-9.]{1,32}");
        }
        return Security.canonical(s);
    }

    private static String account(Map<String, Object> msg) {
        String s = requiredString(msg, "account");
        if (!ACCOUNT_CODE.matcher(s).matches()) {
            throw new Reject("account 格式无效 / account must match [A-Za-z0-9_-]{1,64}");
        }
        return s;
    }

    private static String requiredString(Map<String, Object> msg, String field) {
        Object v = msg.get(field);
        if (absent(v)) {
            throw missing(field);
        }
        if (!(v instanceof String s)) {
            throw new Reject(field + " 必须是字符串 / " + field + " must be a string");
        }
        return s;
    }

    private static String optionalText(Map<String, Object> msg, String field) {
        Object v = msg.get(field);
        if (absent(v)) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new Reject(field + " 必须是字符串 / " + field + " must be a string");
        }
        return text(field, s);
    }

    /** Rejects control characters and unpaired surrogates: they break storage (NUL in PostgreSQL) and e-mail. */
    private static String text(String field, String s) {
        if (Controls.inLine(s)) {
            throw new Reject(field + " 含有非法字符 / " + field + " contains control or invalid characters");
        }
        return s;
    }

    private static BigDecimal requiredNumber(Map<String, Object> msg, String field) {
        BigDecimal n = optionalNumber(msg, field);
        if (n == null) {
            throw missing(field);
        }
        return n;
    }

    /** A JSON number or a numeric string, exactly; null when absent or JSON null. */
    private static BigDecimal optionalNumber(Map<String, Object> msg, String field) {
        Object v = msg.get(field);
        if (absent(v)) {
            return null;
        }
        String s;
        if (v instanceof JsonNumber n) {
            s = n.text();
        } else if (v instanceof String str) {
            if (!NUMBER_TEXT.matcher(str).matches()) {
                throw new Reject(field + " 不是有效数字 " + show(str) + " / " + field + " is not a valid number");
            }
            s = str;
        } else {
            throw new Reject(field + " 必须是数字 / " + field + " must be a number");
        }
        BigDecimal n;
        try {
            n = new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) { // exponent beyond int range
            throw outOfRange(field);
        }
        if (n.signum() == 0) {
            return n.scale() < 0 || n.scale() > MAX_FRACTION_DIGITS ? BigDecimal.ZERO : n;
        }
        BigDecimal stripped = n.stripTrailingZeros();
        if (stripped.scale() > MAX_FRACTION_DIGITS
                || (long) stripped.precision() - stripped.scale() > MAX_INTEGER_DIGITS) {
            throw outOfRange(field);
        }
        if (n.scale() > MAX_FRACTION_DIGITS) {
            n = stripped;              // e.g. many trailing zeros: same value, bounded scale
        }
        return n.scale() < 0 ? n.setScale(0) : n; // 1.5E+3 -> 1500: same value, plain form
    }

    // ------------------------------------------------------------------------------------------- JSON

    /** The text of a JSON number token, kept as written so that it is never rounded through double. */
    private record JsonNumber(String text) {
    }

    /** JSON null, distinct from an absent key in a map. */
    private enum JsonNull { NULL }

    private static boolean absent(Object v) {
        return v == null || v == JsonNull.NULL;
    }

    /** Reads exactly one JSON object, with duplicate keys (at any depth) and trailing content rejected. */
    private static Map<String, Object> readObject(String line) throws IOException {
        try (JsonParser p = JSON.createParser(line)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new Reject("消息必须是 JSON 对象 / message must be a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> obj = (Map<String, Object>) readValue(p, first, 1);
            if (p.nextToken() != null) {
                throw new Reject("JSON 对象后有多余内容 / trailing content after the JSON object");
            }
            return obj;
        }
    }

    private static Object readValue(JsonParser p, JsonToken t, int depth) throws IOException {
        if (t == null) {
            throw new Reject("无法解析的 JSON / unparsable JSON");
        }
        switch (t) {
            case START_OBJECT -> {
                checkDepth(depth);
                Map<String, Object> m = new LinkedHashMap<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
                    if (n != JsonToken.FIELD_NAME) {
                        throw new Reject("无法解析的 JSON / unparsable JSON");
                    }
                    String name = p.currentName();
                    Object value = readValue(p, p.nextToken(), depth + 1);
                    if (m.putIfAbsent(name, value) != null) {
                        throw new Reject("重复字段 " + show(name) + " / duplicate field " + show(name));
                    }
                }
                return m;
            }
            case START_ARRAY -> {
                checkDepth(depth);
                List<Object> list = new ArrayList<>();
                for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
                    list.add(readValue(p, n, depth + 1));
                }
                return list;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new JsonNumber(p.getText());
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return JsonNull.NULL;
            }
            default -> throw new Reject("无法解析的 JSON / unparsable JSON");
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new Reject("JSON 嵌套过深 / JSON nested too deeply");
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    private static boolean isBlank(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String tooLong(int chars) {
        return "行过长 / line too long (" + chars + " > " + MAX_LINE_CHARS + " chars)";
    }

    private static Reject missing(String field) {
        return new Reject("缺少字段 " + field + " / missing field " + field);
    }

    private static Reject outOfRange(String field) {
        return new Reject(field + " 超出范围 / " + field + " out of range");
    }

    /** Input echoed into a reason: short and printable, so a reason stays a one-line message. */
    private static String show(String s) {
        StringBuilder b = new StringBuilder("\"");
        int max = 40;
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        if (s.length() > max) {
            b.append('…');
        }
        return b.append('"').toString();
    }

    /** A rejection with its reason; no stack trace, it is control flow, not an error. */
    private static final class Reject extends RuntimeException {
        Reject(String reason) {
            super(reason, null, false, false);
        }
    }
}
