package com.mandatewatch.text;

import java.util.regex.Pattern;

/**
 * The characters no stored name or text may carry, in one place for the API, the feed, mail and exports: control
 * characters (C0 and C1, so NEL U+0085 too), line and paragraph separators, invisible format characters (zero-width
 * spaces and joiners, direction marks and the bidirectional overrides that make a name read differently from what it
 * is, the byte-order mark, tag characters: general category Cf), noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF), and
 * unpaired surrogates (text that is not valid UTF-16). An invisible character makes two names look alike, an e-mail
 * address undeliverable, or a flag such as "S\u200BT" escape the exclusion of "ST".
 */
public final class Controls {
    private static final String INVISIBLE = "\\u2028\\u2029\\p{Cf}\\uFDD0-\\uFDEF\\uFFFE\\uFFFF";
    private static final Pattern ANY = Pattern.compile("[\\p{Cc}" + INVISIBLE + "]|" + Surrogates.LONE);
    /** For long texts (comments, problems, summaries): line breaks and tabs are allowed there. */
    private static final Pattern BUT_LINES = Pattern.compile("[\\p{Cc}&&[^\\n\\r\\t]]|[" + INVISIBLE + "]|" + Surrogates.LONE);
    private static final Pattern RUNS = Pattern.compile("(?:[\\p{Cc}" + INVISIBLE + "]|" + Surrogates.LONE + ")+");

    private Controls() {
    }

    /** True when a one-line value (a name, a code, an address) holds any such character. */
    public static boolean inLine(String s) {
        return ANY.matcher(s).find();
    }

    /** True when a long text holds any such character other than line breaks and tabs. */
    public static boolean inText(String s) {
        return BUT_LINES.matcher(s).find();
    }

    /** Each run of such characters as one space: for values already stored (legacy rows) that go into headers or cells. */
    public static String flatten(String s) {
        return RUNS.matcher(s).replaceAll(" ");
    }

    private static final class Surrogates {
        static final String LONE = "[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]";
    }
}
