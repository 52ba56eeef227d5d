package com.mandatewatch.domain;

/** Nature of a client enterprise (SPEC §2): 上市公司, 国有企业, 民营企业, 其他. */
public enum ClientNature { LISTED_COMPANY, STATE_OWNED, PRIVATE, OTHER }
