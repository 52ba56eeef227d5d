package com.mandatewatch.demo;

import com.mandatewatch.feed.FeedEvent;

import java.time.LocalDate;
import java.util.List;

/** One replayed trading day: its opening clock, prices, scripted trades, account returns and closing clock, in that order. */
public record ReplayDay(LocalDate date, List<FeedEvent> events) {
    public ReplayDay {
        events = List.copyOf(events);
    }
}
