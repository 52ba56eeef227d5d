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
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // {"code":"C1"} xyz is not a body that says {"code":"C1"}: whatever follows the object is an error too
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ExactJson() {
    }

    @SuppressWarnings("unchecked")
    public static JsonObject object(String text) {
        if (text == null || text.isBlank()) throw new ApiException(400, "请求体为空 / empty request body");
        // the body was decoded leniently: a replacement character is where its bytes were not UTF-8, and storing it
        // would turn a name into "��" for good
        if (text.indexOf('\uFFFD') >= 0) throw new ApiException(400, "请求体不是有效的 UTF-8 / body is not valid UTF-8");
        try {
            Object value = MAPPER.readValue(text, Object.class);
            if (!(value instanceof Map<?, ?> map)) throw new ApiException(400, "请求体必须是 JSON 对象 / body must be a JSON object");
            return new JsonObject((Map<String, Object>) map);
        } catch (java.io.IOException e) {
            throw new ApiException(400, "无法解析的 JSON / unparsable JSON");
        }
    }
}
