package com.mandatewatch.domain;

/** Where a client stands in the department's relationship lifecycle. */
public enum LifecycleStage { PROSPECT, DEVELOPING, SIGNED, MAINTAINING, TERMINATED }
