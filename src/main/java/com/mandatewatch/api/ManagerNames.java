package com.mandatewatch.api;

import com.mandatewatch.auth.User;
import com.mandatewatch.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the read-only {@code managerName} to client bodies (one, or a list under "items"): people know their colleague
 * as 张伟, not as the user name cm1. Computed like the classification, never stored with the client.
 */
public final class ManagerNames {
    private final UserStore users;

    public ManagerNames(UserStore users) {
        this.users = users;
    }

    public Future<JsonObject> add(JsonObject body) {
        return users.all().map(all -> {
            Map<String, String> names = new HashMap<>();
            for (User u : all) names.put(u.username(), u.name());
            JsonArray items = body.getJsonArray("items");
            for (JsonObject client : items == null ? List.of(body) : items.stream().map(JsonObject.class::cast).toList()) {
                String manager = client.getString("manager");
                client.put("managerName", manager == null ? null : names.get(manager));
            }
            return body;
        });
    }
}
