package com.mandatewatch.domain;

/** The six rule kinds of SPEC §4, with their Chinese names for people. */
public enum Rule {
    MATURITY("合同到期", "Contract maturity"),
    RETURN_BAND("收益率区间", "Return band"),
    HOLDING_RATIO("持仓比例", "Holding ratio"),
    EXCLUDED_SECURITY("禁投证券", "Excluded security"),
    DISCLOSURE("举牌披露", "Shareholding disclosure"),
    DATA_QUALITY("数据质量", "Data quality");

    public final String zh;
    public final String en;

    Rule(String zh, String en) { this.zh = zh; this.en = en; }
}
