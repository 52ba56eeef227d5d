package com.mandatewatch.text;

/** Text put into HTML (e-mails, the printable client record): client data must never become markup (C46). */
public final class Html {
    private Html() {
    }

    /** The text with the five characters that HTML gives meaning to replaced by entities; null becomes empty. */
    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
