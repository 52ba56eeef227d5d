package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.DateBounds;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.store.ContactStore;
import com.mandatewatch.store.ReferenceStore;
import com.mandatewatch.text.Controls;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Contact records per client (SPEC §7, issue 5 item 6): {@code GET/POST /clients/{code}/contacts}.
 * A first contact {kind:"FIRST", time, place, participants:[{name, level}], problems} — one per client — and
 * follow-ups {kind:"FOLLOW_UP", time, summary, nextStep}. time is ISO-8601 with an offset. Every bad field is named
 * in one 400. A client manager reads and writes only own clients' records (another's client is 404, as elsewhere).
 */
public final class ContactRoutes {
    private static final Set<String> FIRST_FIELDS = Set.of("kind", "time", "place", "participants", "problems");
    private static final Set<String> FOLLOW_UP_FIELDS = Set.of("kind", "time", "summary", "nextStep");

    private final ReferenceStore reference;
    private final ContactStore contacts;

    public ContactRoutes(ReferenceStore reference, ContactStore contacts) {
        this.reference = reference;
        this.contacts = contacts;
    }

    public void mount(Router api) {
        api.get("/clients/:code/contacts").handler(this::list);
        api.post("/clients/:code/contacts").handler(this::create);
    }

    private void list(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_CONTACTS);
        String code = ctx.pathParam("code");
        Api.query(ctx).throwIfAny();
        Api.reply(ctx, 200, ownClient(c, code).compose(cl -> contacts.list(code))
                .map(l -> new JsonObject().put("items", new JsonArray(new ArrayList<>(l))).put("total", l.size())));
    }

    private void create(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.EDIT_RECORDS);
        String code = ctx.pathParam("code");
        JsonObject in = ExactJson.object(ctx.body().asString());
        List<ApiException.FieldError> errors = new ArrayList<>();
        JsonObject out = new JsonObject();
        String kind = in.getValue("kind") instanceof String s ? s : null;
        if (!"FIRST".equals(kind) && !"FOLLOW_UP".equals(kind)) {
            errors.add(new ApiException.FieldError("kind", com.mandatewatch.json.Fields.mustBeOneOf(List.of("FIRST", "FOLLOW_UP"))));
        }
        OffsetDateTime time = null;
        Object t = in.getValue("time");
        if (t == null) errors.add(new ApiException.FieldError("time", "必填 / required"));
        else {
            try {
                time = OffsetDateTime.parse((String) t);
                // a contact record tells what happened: a meeting still ahead is the last record's next step
                if (!DateBounds.contains(time)) errors.add(new ApiException.FieldError("time", DateBounds.REASON));
                else if (time.toInstant().isAfter(java.time.Instant.now().plus(java.time.Duration.ofDays(1)))) {
                    errors.add(new ApiException.FieldError("time", "不能是将来的时间 / must not be in the future"));
                } else out.put("time", (String) t);
                if (!out.containsKey("time")) time = null;
            } catch (ClassCastException | DateTimeParseException e) {
                errors.add(new ApiException.FieldError("time", "应为带时区偏移的 ISO 时间，如 2025-03-03T10:00:00+08:00 / ISO date-time with offset"));
            }
        }
        if ("FIRST".equals(kind)) {
            text(in, "place", true, 200, false, errors, out);
            text(in, "problems", true, 4000, true, errors, out);
            out.put("participants", participants(in.getValue("participants"), errors));
        } else if ("FOLLOW_UP".equals(kind)) {
            text(in, "summary", true, 4000, true, errors, out);
            text(in, "nextStep", false, 2000, true, errors, out);
        }
        Set<String> known = "FOLLOW_UP".equals(kind) ? FOLLOW_UP_FIELDS : "FIRST".equals(kind) ? FIRST_FIELDS : Set.of();
        if (kind != null && !known.isEmpty()) {
            for (String f : in.fieldNames()) {
                if (!known.contains(f)) errors.add(new ApiException.FieldError(f, "不适用于 " + kind + " / not a field of " + kind));
            }
        }
        if (!errors.isEmpty()) throw new ApiException(400, "请求内容有误 / invalid request", errors);
        OffsetDateTime when = time;
        Api.reply(ctx, 201, ownClient(c, code).compose(cl -> contacts.insert(code, kind, when, out, c.username()))
                .compose(saved -> saved.isPresent() ? Future.succeededFuture(saved.get())
                        : Future.failedFuture(new ApiException(409, "该客户已有首次接触记录 / the client has a first contact already",
                        List.of(new ApiException.FieldError("kind", "首次接触只能有一条，请记录为 FOLLOW_UP / one FIRST per client")))))
                .onSuccess(j -> ctx.response().putHeader("Location", "/api/clients/" + code + "/contacts")));
    }

    private static JsonArray participants(Object v, List<ApiException.FieldError> errors) {
        JsonArray out = new JsonArray();
        if (!(v instanceof JsonArray a) || a.isEmpty()) {
            errors.add(new ApiException.FieldError("participants", "至少一位参与人 / a non-empty list of {name, level}"));
            return out;
        }
        if (a.size() > 50) {
            errors.add(new ApiException.FieldError("participants", "最多 50 人 / at most 50"));
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            String prefix = "participants[" + i + "].";
            if (!(a.getValue(i) instanceof JsonObject p)) {
                errors.add(new ApiException.FieldError("participants[" + i + "]", "必须是对象 {name, level} / must be an object"));
                continue;
            }
            JsonObject one = new JsonObject();
            List<ApiException.FieldError> own = new ArrayList<>();
            text(p, "name", true, 100, false, own, one);
            text(p, "level", true, 50, false, own, one);
            for (String f : p.fieldNames()) {
                if (!f.equals("name") && !f.equals("level")) own.add(new ApiException.FieldError(f, "未知字段 / unknown field"));
            }
            own.forEach(e -> errors.add(new ApiException.FieldError(prefix + e.field(), e.message())));
            out.add(one);
        }
        return out;
    }

    private static void text(JsonObject in, String field, boolean required, int max, boolean lines,
                             List<ApiException.FieldError> errors, JsonObject out) {
        Object v = in.getValue(field);
        if (v == null) {
            if (required) errors.add(new ApiException.FieldError(field, "必填 / required"));
            return;
        }
        if (!(v instanceof String s)) {
            errors.add(new ApiException.FieldError(field, "必须是字符串 / must be a string"));
            return;
        }
        String stripped = s.strip();
        if (required && stripped.isEmpty()) errors.add(new ApiException.FieldError(field, "不能为空 / must not be blank"));
        else if (s.length() > max) errors.add(new ApiException.FieldError(field, "过长（最多 " + max + " 字符） / too long (max " + max + ")"));
        else if (lines ? Controls.inText(s) : Controls.inLine(s)) {
            errors.add(new ApiException.FieldError(field, lines ? "不能包含控制字符 / must not contain control characters"
                    : "不能包含换行或控制字符 / must not contain line breaks or control characters"));
        } else out.put(field, stripped);
    }

    private Future<Client> ownClient(Caller c, String code) {
        return reference.client(code).map(o -> c.visible(o, code));
    }
}
