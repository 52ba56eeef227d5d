package com.mandatewatch.report;

/** The four classification dimensions (SPEC §2), with the key each has in JSON and in conf/classification.yaml. */
public enum Dimension {
    SIZE("size"), NATURE("nature"), CONTRACT_TYPE("contractType"), RETURN("return");

    private final String key;

    Dimension(String key) {
        this.key = key;
    }

    public String key() { return key; }
}
