package com.mandatewatch.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A list of records rendered for people: an aligned plain-text table and a printable HTML page. Used by the
 * client and contract exports so that both look, align and escape alike.
 *
 * @param headers      column titles
 * @param rows         cell texts, one list per row, as wide as the headers
 * @param rightAligned columns (by index) that hold amounts and are aligned right
 */
public record Table(List<String> headers, List<List<String>> rows, Set<Integer> rightAligned) {
    /** The print button's handler, and its CSP hash (base64 SHA-256 of exactly that text) that lets it run. */
    public static final String PRINT_HANDLER = "window.print()";
    public static final String PRINT_BUTTON_HASH = "sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU=";

    /** Columns aligned by display width (a Chinese character takes two columns), a rule under the headers. */
    public String plain() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(headers);
        rows.forEach(r -> lines.add(r.stream().map(Table::oneLine).toList()));
        int[] width = new int[headers.size()];
        for (List<String> l : lines) for (int i = 0; i < l.size(); i++) width[i] = Math.max(width[i], displayWidth(l.get(i)));
        StringBuilder b = new StringBuilder();
        for (int n = 0; n < lines.size(); n++) {
            List<String> l = lines.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                String pad = " ".repeat(width[i] - displayWidth(l.get(i)));
                if (i > 0) line.append("  ");
                line.append(rightAligned.contains(i) && n > 0 ? pad + l.get(i) : l.get(i) + pad);
            }
            b.append(line.toString().stripTrailing()).append('\n');
            if (n == 0) b.append("-".repeat(Arrays.stream(width).sum() + 2 * (width.length - 1))).append('\n');
        }
        return b.toString();
    }

    /**
     * A self-contained page for the browser's print dialog: A4 landscape, headers repeated on every page, every
     * text escaped (a name holding markup is shown as text, C46).
     */
    public String printPage(String title, String summary) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").append(Html.escape(title))
                .append("</title><style>\n")
                .append("body{font-family:\"Microsoft YaHei\",\"PingFang SC\",sans-serif;font-size:12px;margin:16px}\n")
                .append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3px 6px}\n")
                .append("th{background:#eee}td.amount{text-align:right;white-space:nowrap}\n")
                .append("@media print{body{margin:0}.no-print{display:none}thead{display:table-header-group}tr{page-break-inside:avoid}"
                        + "@page{size:A4 landscape;margin:12mm}}\n")
                .append("</style></head><body>\n<h1>").append(Html.escape(title)).append("</h1>\n<p>").append(Html.escape(summary))
                .append("</p>\n<p class=\"no-print\"><button onclick=\"" + PRINT_HANDLER + "\">打印</button></p>\n<table>\n<thead><tr>");
        headers.forEach(h -> b.append("<th>").append(Html.escape(h)).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            b.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                b.append(rightAligned.contains(i) ? "<td class=\"amount\">" : "<td>").append(Html.escape(r.get(i))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</tbody>\n</table>\n</body></html>\n").toString();
    }

    private static String oneLine(String s) {
        return Controls.flatten(s);
    }

    /** Columns a terminal gives the text: two for East Asian wide characters, one for the rest. */
    public static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
