package com.mandatewatch.alerts;

import java.util.List;

/**
 * A change to one alert decided by the engine, with the e-mail recipients it concerns (empty: no mail).
 * The store persists it, then it is announced.
 */
public record Transition(EventKind kind, Alert alert, List<String> recipients) {
}
