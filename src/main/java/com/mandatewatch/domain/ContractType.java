package com.mandatewatch.domain;

/** Contract types (SPEC §2): 无盈亏保证, 保本, 国债面值型, 其他. */
public enum ContractType { NO_GUARANTEE, CAPITAL_GUARANTEED, TREASURY_FACE_VALUE, OTHER }
