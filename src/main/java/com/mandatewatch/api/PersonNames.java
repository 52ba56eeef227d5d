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
 * Adds read-only names beside user names in a body (one, or a list under "items"): people know their colleague as
 * 张伟, not as the user name cm1. {@code manager} gets {@code managerName}, {@code requestedBy} gets
 * {@code requestedByName}, and so on. Computed on reading, never stored.
 */
public final class PersonNames {
    private final UserStore users;

    public PersonNames(UserStore users) {
        this.users = users;
    }

    /** Every user's name by user name. */
    public Future<Map<String, String>> byUsername() {
        return users.all().map(all -> {
            Map<String, String> names = new HashMap<>();
            for (User u : all) names.put(u.username(), u.name());
            return names;
        });
    }

    /** 张伟（cm1） as exports and print views write a person: the name people know and the user name systems use. */
    public static String label(String name, String username) {
        if (username == null || username.isEmpty()) return "";
        return name == null || name.isBlank() || name.equals(username) ? username : name + "（" + username + "）";
    }

    public Future<JsonObject> add(JsonObject body, String... fields) {
        return byUsername().map(names -> {
            JsonArray items = body.getJsonArray("items");
            for (JsonObject item : items == null ? List.of(body) : items.stream().map(JsonObject.class::cast).toList()) {
                for (String field : fields) {
                    String username = item.getString(field);
                    item.put(field + "Name", username == null ? null : names.get(username));
                }
            }
            return body;
        });
    }
}
