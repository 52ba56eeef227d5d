package com.mandatewatch.api;

import com.mandatewatch.support.TestApp;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 5 item 9: GET /api/openapi.yaml serves the hand-written document, and every route mounted on the /api
 * sub-router (read from the running router, so a new *Routes class is covered without touching this test) is in it.
 * Fails on an undocumented route, and on a documented operation that no route serves.
 */
class OpenApiDocumentTest {
    static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    static final Pattern PARAM = Pattern.compile(":([A-Za-z0-9_]+)");
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start(Map.of());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** "GET /clients/{code}" for each method of each route with a path; catch-alls (body handler, auth, 404) have none. */
    static Set<String> mounted() {
        Set<String> out = new TreeSet<>();
        for (Route r : app.apiRoutes()) {
            Set<HttpMethod> methods = r.methods();
            boolean anyMethod = methods == null || methods.isEmpty();
            if (r.getPath() == null) {
                // the catch-alls: body handler, authentication, 404 and failure handler
                assertTrue(anyMethod, "a route by regex cannot be checked against the document; mount it by path: " + methods);
                continue;
            }
            assertFalse(anyMethod, "a route for every method cannot be documented; name its methods: " + r.getPath());
            String path = PARAM.matcher(r.getPath()).replaceAll("{$1}");
            methods.forEach(m -> out.add(m.name() + " " + path));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Set<String> documented(String yaml) {
        Map<String, Object> doc = new Yaml().load(yaml);
        assertTrue(String.valueOf(doc.get("openapi")).startsWith("3.0"), "OpenAPI 3.0");
        Set<String> out = new TreeSet<>();
        ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, item) -> item.keySet().stream()
                .filter(METHODS::contains).forEach(m -> out.add(m.toUpperCase() + " " + path)));
        return out;
    }

    @Test
    void theDocumentIsServedWithoutAuthenticationAndCoversEveryApiRoute() {
        TestApp.Response r = app.call("GET", "/api/openapi.yaml", null, null);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.raw().headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        Set<String> documented = documented(r.body());
        Set<String> mounted = mounted();
        assertTrue(mounted.size() > 30, "the router was read: " + mounted);

        Set<String> undocumented = new TreeSet<>(mounted);
        undocumented.removeAll(documented);
        assertEquals(Set.of(), undocumented, "routes under /api missing from src/main/resources/openapi.yaml");

        Set<String> stale = new TreeSet<>(documented);
        stale.removeAll(mounted);
        assertEquals(Set.of(), stale, "operations in openapi.yaml that no route serves");
    }

    @Test
    void everyDocumentedParameterlessGetAnswersSomethingOtherThan404() {
        for (String op : documented(app.call("GET", "/api/openapi.yaml", null, null).body())) {
            Matcher m = Pattern.compile("GET (/[^{}]*)").matcher(op);
            if (!m.matches()) continue;
            int status = app.get("/api" + m.group(1)).status();
            assertNotEquals(404, status, op);
        }
    }
}
