package com.mandatewatch.feed;

/**
 * One feed line's outcome: exactly one of {@code event} / {@code reason} is non-null. {@code line} is 1-based
 * (the physical line in an NDJSON body, blank lines included in the count).
 */
public record ParsedLine(int line, FeedEvent event, String reason) {
    public ParsedLine {
        if ((event == null) == (reason == null)) {
            throw new IllegalArgumentException("exactly one of event / reason must be non-null");
        }
    }

    public static ParsedLine accepted(int line, FeedEvent event) { return new ParsedLine(line, event, null); }

    public static ParsedLine rejected(int line, String reason) { return new ParsedLine(line, null, reason); }

    /** True when the line parsed into an event. */
    public boolean ok() { return event != null; }
}
