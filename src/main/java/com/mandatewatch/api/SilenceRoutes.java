package com.mandatewatch.api;

import com.mandatewatch.auth.Permission;
import com.mandatewatch.domain.DateBounds;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.json.ApiException;
import com.mandatewatch.json.ExactJson;
import com.mandatewatch.json.Fields;
import com.mandatewatch.store.ReferenceStore;
import com.mandatewatch.store.SilenceStore;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.logging.Logger;

/**
 * /api/silences (SPEC §5): supervisors, compliance and OPS mute the e-mail of matching alerts until a time,
 * with a reason; DELETE ends a silence at once. Every change is logged with who and what, and the row keeps
 * created_by/created_at and expired_by/expired_at.
 */
public final class SilenceRoutes {
    private static final Logger AUDIT = Logger.getLogger("com.mandatewatch.audit");

    private final SilenceStore silences;
    private final ReferenceStore reference;

    public SilenceRoutes(SilenceStore silences, ReferenceStore reference) {
        this.silences = silences;
        this.reference = reference;
    }

    public void mount(Router api) {
        api.get("/silences").handler(ctx -> {
            Caller c = Caller.of(ctx).require(Permission.READ_ALERTS);
            com.mandatewatch.json.Fields q = Api.query(ctx, "state");
            String state = q.text("state", false, 8);
            if (state != null && !state.equals("active") && !state.equals("all")) q.error("state", com.mandatewatch.json.Fields.mustBeOneOf(List.of("active", "all")));
            q.throwIfAny();
            boolean activeOnly = "active".equals(state);
            Api.reply(ctx, 200, Future.all(silences.list(activeOnly), ownAccounts(c)).map(all -> {
                java.util.Set<String> own = all.resultAt(1);
                List<SilenceStore.Silence> list = all.resultAt(0);
                return Api.list(list.stream().filter(s -> concerns(c, s, own)).toList(), SilenceStore.Silence::toJson);
            }));
        });
        api.post("/silences").handler(this::create);
        api.delete("/silences/:id").handler(this::expire);
    }

    /**
     * A silence is read by whom its alerts concern, like the alerts themselves: its rule must be one the caller reads
     * (a silence over every rule only by those who read every rule), and a client manager reads the silences over own
     * accounts and the firm-wide ones (no account, no subject), not those naming another client's account or code.
     */
    private static boolean concerns(Caller c, SilenceStore.Silence s, java.util.Set<String> ownAccounts) {
        boolean rule = s.rule() == null ? c.alertRules().size() == Rule.values().length : c.alertRules().contains(Rule.valueOf(s.rule()));
        boolean client = ownAccounts == null || (s.account() == null ? s.subject() == null : ownAccounts.contains(s.account()));
        return rule && client;
    }

    /** A role that reads some rules only silences those, by naming the rule: it cannot mute mail it never sees. */
    private static void mayMute(Caller c, String rule) {
        if (c.alertRules().size() == Rule.values().length) return;
        if (rule == null || !c.alertRules().contains(Rule.valueOf(rule))) {
            throw new Denied(403, "只能设置或解除本岗位负责的预警规则的静默 " + c.alertRules()
                    + " / you may set or end silences only of the rules you read: " + c.alertRules());
        }
    }

    /** The accounts of the caller's own clients, or null for a caller who sees every client. */
    private Future<java.util.Set<String>> ownAccounts(Caller c) {
        return c.visibleClientCodes(reference).compose(codes -> codes == null ? Future.succeededFuture(null)
                : reference.contracts().map(ks -> ks.stream().filter(k -> codes.contains(k.clientCode()))
                .map(com.mandatewatch.domain.Contract::account).collect(java.util.stream.Collectors.toSet())));
    }

    private void create(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.EDIT_SILENCES);
        Fields f = new Fields(ExactJson.object(ctx.body().asString()));
        Fields m = f.object("matchers");
        // an unknown matcher would be dropped and the silence mute more than was meant
        f.onlyKnown("matchers", "until", "reason");
        m.onlyKnown("rule", "account", "subject");
        Rule rule = m.enumValue("rule", Rule.class, false, null);
        String account = m.code("account", false);
        String subject = m.code("subject", false);
        if (!f.has("matchers")) f.error("matchers", "必填 / required");
        else if (!m.has("rule") && !m.has("account") && !m.has("subject")) {
            // a silence without a matcher would mute every alert of the firm
            f.error("matchers", "至少一个匹配条件 rule/account/subject / at least one of rule, account, subject");
        }
        Instant until = until(f);
        String reason = f.text("reason", true, 500);
        f.throwIfAny();
        mayMute(c, rule == null ? null : rule.name());
        Api.reply(ctx, 201, silences.create(rule == null ? null : rule.name(), account, subject, until, reason, c.username())
                .map(s -> {
                    AUDIT.info("silence " + s.id() + " created by " + c.username() + ": matchers " + s.toJson().getJsonObject("matchers").encode()
                            + " until " + s.toJson().getString("until") + ", reason: " + reason);
                    return s.toJson();
                }));
    }

    /** ISO time with an offset, strictly in the future: a silence that is over when made would mute nothing. */
    private static Instant until(Fields f) {
        String s = f.text("until", true, 64);
        if (s == null) return null;
        try {
            OffsetDateTime at = OffsetDateTime.parse(s);
            if (!DateBounds.contains(at)) {
                f.error("until", DateBounds.REASON);
                return null;
            }
            Instant t = at.toInstant();
            if (!t.isAfter(Instant.now())) {
                f.error("until", "必须是将来的时间 / must be in the future");
                return null;
            }
            return t;
        } catch (DateTimeParseException e) {
            f.error("until", "时间无效，格式 2026-03-09T18:00:00+08:00 / ISO time with offset");
            return null;
        }
    }

    private void expire(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.EDIT_SILENCES);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw Api.notFound("silence " + ctx.pathParam("id"));
        }
        Api.reply(ctx, 200, silences.byId(id).compose(found -> {
            if (found.isEmpty()) throw Api.notFound("silence " + id);
            mayMute(c, found.get().rule());
            return silences.expire(id, c.username()).map(ended -> {
                if (ended.isEmpty()) throw new ApiException(409, "静默已结束 / silence already ended");
                AUDIT.info("silence " + id + " expired by " + c.username());
                return ended.get().toJson();
            });
        }));
    }
}
