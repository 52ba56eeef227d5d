package com.mandatewatch.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;

import java.util.Map;

/**
 * Parses request bodies keeping every JSON number exact (BigDecimal), where Vert.x's default decoder would
 * turn 0.1 into a double.
 */
public final class ExactJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ExactJson() {
    }

    @SuppressWarnings("unchecked")
    public static JsonObject object(String text) {
        if (text == null || text.isBlank()) throw new ApiException(400, "请求体为空 / empty request body");
        try {
            Object value = MAPPER.readValue(text, Object.class);
            if (!(value instanceof Map<?, ?> map)) throw new ApiException(400, "请求体必须是 JSON 对象 / body must be a JSON object");
            return new JsonObject((Map<String, Object>) map);
        } catch (java.io.IOException e) {
            throw new ApiException(400, "无法解析的 JSON / unparsable JSON");
        }
    }
}
