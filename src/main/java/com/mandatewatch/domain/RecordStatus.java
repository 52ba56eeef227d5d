package com.mandatewatch.domain;

/** A record is a draft until the records custodian seals it. */
public enum RecordStatus { DRAFT, SEALED }
