package com.mandatewatch.domain;

/** A client of the department; {@code manager} is the username of its client manager. */
public record Client(String code, String name, ClientNature nature, String manager, LifecycleStage stage,
                     RecordStatus status) {
}
