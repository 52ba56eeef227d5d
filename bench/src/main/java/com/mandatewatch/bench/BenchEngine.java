package com.mandatewatch.bench;

/** One engine under test: it loads the workload's initial state, then takes its events one at a time. */
public interface BenchEngine extends AutoCloseable {
    String name();

    /** Builds the initial state (securities, prices, positions, returns, mandates); transitions go to event −1. */
    void load(Workload w, Trail trail);

    /** Applies event e of the workload; its transitions are recorded in the trail given at load. */
    void apply(int e);

    @Override
    default void close() {
    }
}
