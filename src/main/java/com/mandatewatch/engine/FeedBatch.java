package com.mandatewatch.engine;

import com.mandatewatch.feed.FeedEvent;

import java.util.List;

/**
 * Validated feed events from one source, in arrival order, handed to the engine as one unit. {@code receivedNanos}
 * is when the batch was taken in ({@link System#nanoTime()}), the start of the tick-to-push latency.
 */
public record FeedBatch(String source, List<FeedEvent> events, long receivedNanos) {
    public FeedBatch {
        events = List.copyOf(events);
    }

    public FeedBatch(String source, List<FeedEvent> events) {
        this(source, events, System.nanoTime());
    }
}
