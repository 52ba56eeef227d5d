package com.mandatewatch.engine;

import com.mandatewatch.feed.FeedEvent;

import java.util.List;

/** Validated feed events from one source, in arrival order, handed to the engine as one unit. */
public record FeedBatch(String source, List<FeedEvent> events) {
    public FeedBatch {
        events = List.copyOf(events);
    }
}
