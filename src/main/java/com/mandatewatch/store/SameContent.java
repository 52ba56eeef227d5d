package com.mandatewatch.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether two record bodies say the same thing: amounts and ratios travel as text, and "300000000" is the amount
 * "300000000.00" is, so a save that only rewrites a number's trailing zeros changes nothing.
 */
final class SameContent {
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private SameContent() {
    }

    static boolean of(JsonObject a, JsonObject b) {
        Set<String> names = new HashSet<>(a.fieldNames());
        names.addAll(b.fieldNames());
        for (String n : names) if (!value(a.getValue(n), b.getValue(n))) return false;
        return true;
    }

    private static boolean value(Object x, Object y) {
        if (x instanceof JsonObject o && y instanceof JsonObject p) return of(o, p);
        if (x instanceof JsonArray o && y instanceof JsonArray p) {
            if (o.size() != p.size()) return false;
            for (int i = 0; i < o.size(); i++) if (!value(o.getValue(i), p.getValue(i))) return false;
            return true;
        }
        // a decimal point on one side at least: codes and accounts of digits ("000001" is not "1") compare as text
        if (x instanceof String s && y instanceof String t && (s.contains(".") || t.contains("."))
                && DECIMAL.matcher(s).matches() && DECIMAL.matcher(t).matches()) {
            return new BigDecimal(s).compareTo(new BigDecimal(t)) == 0;
        }
        return Objects.equals(x, y);
    }
}
