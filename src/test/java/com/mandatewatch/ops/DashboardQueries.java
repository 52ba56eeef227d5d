package com.mandatewatch.ops;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL expressions of a Grafana dashboard (panel targets and template variable queries) and the metric
 * names each one reads, so that a test can hold them against a live /metrics scrape.
 */
final class DashboardQueries {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*");
    private static final Pattern LABEL_VALUES = Pattern.compile("\\s*label_values\\(\\s*([A-Za-z_:][A-Za-z0-9_:]*)\\s*(?:\\{[^}]*})?\\s*,\\s*\\w+\\s*\\)\\s*");
    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "offset", "bool", "and", "or", "unless", "atan2", "inf", "nan", "start", "end");

    private DashboardQueries() {
    }

    /** "panel title" or "variable name" → expression, for every expression in the dashboard. */
    static Map<String, String> expressions(JsonObject dashboard) {
        Map<String, String> out = new LinkedHashMap<>();
        collect(dashboard, null, out);
        return out;
    }

    private static void collect(Object node, String panel, Map<String, String> out) {
        if (node instanceof JsonObject o) {
            if (o.containsKey("gridPos") && o.getValue("title") instanceof String t) panel = t;
            if (o.getValue("expr") instanceof String expr) out.put(panel + " #" + out.size(), expr);
            if ("query".equals(o.getValue("type")) && o.containsKey("datasource") && o.containsKey("name")) {
                Object q = o.getValue("query");
                if (q instanceof JsonObject qo) q = qo.getValue("query");
                if (q instanceof String qs && !qs.isBlank()) out.put("variable " + o.getString("name"), qs);
            }
            for (String key : o.fieldNames()) {
                if (!key.equals("expr") && !key.equals("query")) collect(o.getValue(key), panel, out);
            }
        } else if (node instanceof JsonArray a) {
            for (Object item : a) collect(item, panel, out);
        }
    }

    /** The metric names one PromQL expression reads (functions, keywords, labels and Grafana variables left out). */
    static Set<String> metricNames(String expr) {
        Matcher lv = LABEL_VALUES.matcher(expr);
        if (lv.matches()) return Set.of(lv.group(1));
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`", " ") // string literals
                .replaceAll("\\{[^}]*}", " ")                                                     // label matchers
                .replaceAll("\\[[^\\]]*]", " ")                                                   // range selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // label lists
                .replaceAll("\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*", " ")                       // Grafana variables
                .replaceAll("\\boffset\\s+-?[0-9a-z]+", " ");
        Set<String> found = new LinkedHashSet<>();
        Matcher m = IDENT.matcher(s);
        while (m.find()) {
            String word = m.group();
            if (KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) continue;
            if (s.substring(m.end()).stripLeading().startsWith("(")) continue;               // a function call
            if (m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.')) continue; // 1e3
            found.add(word);
        }
        return found;
    }

    /** The sample names in a Prometheus text scrape (histogram _bucket/_count/_sum samples included). */
    static Set<String> scrapedNames(String scrape) {
        Set<String> names = new LinkedHashSet<>();
        for (String line : scrape.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            Matcher m = IDENT.matcher(line);
            if (m.lookingAt()) names.add(m.group());
        }
        return names;
    }
}
