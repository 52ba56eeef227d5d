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
    /**
     * The fields that hold numbers as text (amounts, ratios, limits). Only these compare as numbers: a name "2024.10"
     * or an account "8001.10" is text, and changing it to "2024.1" is a change.
     */
    private static final Set<String> NUMBERS = Set.of("amount", "expectedRenewal", "targetReturn", "low", "high",
            "singleSecurityMax", "warnFraction", "min", "max");

    private SameContent() {
    }

    static boolean of(JsonObject a, JsonObject b) {
        Set<String> names = new HashSet<>(a.fieldNames());
        names.addAll(b.fieldNames());
        for (String n : names) if (!value(n, a.getValue(n), b.getValue(n))) return false;
        return true;
    }

    private static boolean value(String name, Object x, Object y) {
        if (x instanceof JsonObject o && y instanceof JsonObject p) return of(o, p);
        if (x instanceof JsonArray o && y instanceof JsonArray p) {
            if (o.size() != p.size()) return false;
            for (int i = 0; i < o.size(); i++) if (!value(name, o.getValue(i), p.getValue(i))) return false;
            return true;
        }
        if (NUMBERS.contains(name) && x instanceof String s && y instanceof String t
                && DECIMAL.matcher(s).matches() && DECIMAL.matcher(t).matches()) {
            return new BigDecimal(s).compareTo(new BigDecimal(t)) == 0;
        }
        return Objects.equals(x, y);
    }
}
