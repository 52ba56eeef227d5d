package com.mandatewatch.report;

import io.vertx.core.json.JsonObject;

import java.util.EnumMap;
import java.util.Map;

/**
 * A client's class in each dimension; a dimension without the data to decide it (no counted contract, no return
 * reported yet) is null rather than a guessed class, so that nobody prioritises a client on a made-up D.
 */
public record ClientClasses(Grade size, Grade nature, Grade contractType, Grade ret) {

    public Grade of(Dimension d) {
        return switch (d) {
            case SIZE -> size;
            case NATURE -> nature;
            case CONTRACT_TYPE -> contractType;
            case RETURN -> ret;
        };
    }

    /** {"size":"A","nature":"A","contractType":"A","return":"B"} with JSON null for an undecided dimension. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        Map<Dimension, Grade> all = new EnumMap<>(Dimension.class);
        for (Dimension d : Dimension.values()) all.put(d, of(d));
        all.forEach((d, g) -> o.put(d.key(), g == null ? null : g.name()));
        return o;
    }
}
