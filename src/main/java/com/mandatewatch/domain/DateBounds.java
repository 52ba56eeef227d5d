package com.mandatewatch.domain;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The years a date or time may name anywhere in the product. Java and PostgreSQL each accept years the other cannot
 * store or read back (year 0, +999999999), and under the feed clock one far-future timestamp would move business time
 * for good: a value outside these years is refused where it comes in, with a reason, and never stored.
 */
public final class DateBounds {
    /** The Shanghai Stock Exchange opened in December 1990: nothing the department records is older. */
    public static final LocalDate FIRST = LocalDate.of(1990, 1, 1);
    public static final LocalDate LAST = LocalDate.of(2099, 12, 31);
    public static final String REASON = "超出可接受范围（1990–2099 年） / out of range (years 1990–2099)";

    /** The reason where no field name goes with it (a feed line's): the field is named in both halves. */
    public static String reasonFor(String field) {
        return field + " 超出可接受范围（1990–2099 年） / " + field + " out of range (years 1990–2099)";
    }

    private DateBounds() {
    }

    public static boolean contains(LocalDate d) {
        return !d.isBefore(FIRST) && !d.isAfter(LAST);
    }

    public static boolean contains(OffsetDateTime t) {
        return contains(t.toLocalDate());
    }
}
