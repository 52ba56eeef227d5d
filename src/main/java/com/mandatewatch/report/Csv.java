package com.mandatewatch.report;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV for spreadsheets (C50, C51, C53): UTF-8 with a byte-order mark so that Excel on zh-CN Windows reads the Chinese
 * text as UTF-8 instead of the ANSI code page; RFC 4180 quoting and CRLF line ends; text that a spreadsheet would run
 * as a formula is neutralised with a leading {@code '}; numbers stay numbers; codes keep their leading zeros.
 *
 * <p>Cells are typed, because the safe form depends on what a value is:
 * <ul>
 * <li>{@link #number}: an exact decimal written plainly ({@code -1234.50}); never prefixed, so a negative amount is
 * still a number Excel can add up;</li>
 * <li>{@link #text}: free text; a value starting with {@code = + - @}, TAB, CR or their full-width forms
 * {@code ＝ ＋ － ＠} gets a leading {@code '} (Excel then shows the literal text) — except a plain decimal number such
 * as {@code -5} or {@code -0.25}, which cannot run anything;</li>
 * <li>{@link #code}: a business code. A code with a suffix ({@code 000001.SZ}) or letters is kept as it is; one that
 * Excel would turn into a number or a date — digits with signs, points, exponents, hyphens or slashes, e.g.
 * {@code 000001}, {@code 622848001234567890}, {@code 2025-01}, {@code -5}, {@code 1E5} — is written as {@code ="000001"}, a string constant Excel shows
 * verbatim (no leading zero lost, no 6.22848E+17). {@link #parse} reads that form back to the code.</li>
 * </ul>
 */
public final class Csv {
    /** EF BB BF: the UTF-8 byte-order mark. */
    public static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    /**
     * A code Excel would read as a number, a date or a time: digits with only signs, points, exponents, slashes,
     * colons, percent or spaces around them ({@code 000001}, {@code -5}, {@code 1E5}, {@code 2025-01}, {@code 1/2}).
     */
    private static final Pattern NUMERIC_LOOKING_CODE = Pattern.compile("(?=.*[0-9])[0-9+\\-.eE/:% ]+");
    private static final String FORMULA_STARTS = "=+-@\t\r＝＋－＠";

    /** One cell, already in its safe textual form (before RFC 4180 quoting). */
    public record Cell(String value) {
    }

    private Csv() {
    }

    public static Cell number(BigDecimal d) {
        return new Cell(d == null ? "" : d.toPlainString());
    }

    public static Cell text(String s) {
        if (s == null || s.isEmpty()) return new Cell("");
        // the first visible character decides: some spreadsheet programs trim leading (also no-break) spaces on import
        int first = 0;
        while (first < s.length() - 1 && (Character.isWhitespace(s.charAt(first)) || Character.isSpaceChar(s.charAt(first)))
                && s.charAt(first) != '\t' && s.charAt(first) != '\r') {
            first++;
        }
        if (FORMULA_STARTS.indexOf(s.charAt(first)) >= 0 && !PLAIN_NUMBER.matcher(s).matches()) return new Cell("'" + s);
        return new Cell(s);
    }

    public static Cell code(String s) {
        if (s != null && NUMERIC_LOOKING_CODE.matcher(s).matches()) return new Cell("=\"" + s + "\"");
        return text(s);
    }

    /** One record with CRLF, each field quoted when it holds a comma, a quote, CR or LF (RFC 4180). */
    public static String line(List<Cell> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) b.append(',');
            String v = cells.get(i).value();
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                b.append(v);
            }
        }
        return b.append("\r\n").toString();
    }

    /** The whole file: BOM, a header line of text cells, then the rows, as UTF-8 bytes. */
    public static byte[] document(List<String> headers, List<List<Cell>> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(BOM);
        out.writeBytes(line(headers.stream().map(Csv::text).toList()).getBytes(StandardCharsets.UTF_8));
        rows.forEach(r -> out.writeBytes(line(r).getBytes(StandardCharsets.UTF_8)));
        return out.toByteArray();
    }

    /**
     * Reads a file this class wrote (or any RFC 4180 CSV): drops the BOM, unquotes fields and turns a
     * {@code ="…"} code cell back into the code, so that our own export re-imports with codes intact (C53).
     */
    public static List<List<String>> parse(String text) {
        String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(unwrapCode(field.toString()));
                field.setLength(0);
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
                row.add(unwrapCode(field.toString()));
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                field.append(c);
            }
        }
        if (any) {
            row.add(unwrapCode(field.toString()));
            rows.add(row);
        }
        return rows;
    }

    private static String unwrapCode(String v) {
        if (v.length() >= 3 && v.startsWith("=\"") && v.endsWith("\"")) {
            String inner = v.substring(2, v.length() - 1);
            if (NUMERIC_LOOKING_CODE.matcher(inner).matches()) return inner;
        }
        return v;
    }
}
