package com.mandatewatch.report;

import com.mandatewatch.domain.ClientNature;
import com.mandatewatch.domain.ContractType;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The classification tables of conf/classification.yaml (SPEC §2), already validated by {@link ClassSchemeLoader}:
 * lower bounds of A, B and C for size (yuan) and return (fraction, 0.08 = 8%) — D is everything below C —, the class
 * of each client nature and contract type, and the label and background colour of every class.
 */
public record ClassScheme(Map<Grade, BigDecimal> sizeMin, Map<Grade, BigDecimal> returnMin,
                          Map<ClientNature, Grade> nature, Map<ContractType, Grade> contractType,
                          Map<Dimension, String> dimensionLabels, Map<Dimension, Map<Grade, Style>> styles) {

    /** How a class is shown: a Chinese label and the background colour (#RRGGBB) of its rows. */
    public record Style(String label, String colour) {
    }

    public ClassScheme {
        sizeMin = Map.copyOf(sizeMin);
        returnMin = Map.copyOf(returnMin);
        nature = Map.copyOf(nature);
        contractType = Map.copyOf(contractType);
        dimensionLabels = Map.copyOf(dimensionLabels);
        styles = Map.copyOf(styles);
    }

    public Style style(Dimension d, Grade g) { return styles.get(d).get(g); }

    /** The scheme packaged in the jar (conf/classification.yaml); fails naming the first bad key. */
    public static ClassScheme load() { return ClassSchemeLoader.fromClasspath("conf/classification.yaml"); }
}
