package com.mandatewatch.json;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.AlertState;
import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.domain.Severity;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** The alert body of SPEC §5, both ways: times in Shanghai offset, numbers as exact strings. */
public final class AlertJson {
    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private AlertJson() {
    }

    public static JsonObject toJson(Alert a) {
        return new JsonObject().put("id", a.id()).put("fingerprint", a.fingerprint()).put("rule", a.rule().name())
                .put("ruleName", a.rule().zh).put("severity", a.severity().name()).put("state", a.state().name())
                .put("account", a.account()).put("clientCode", a.clientCode()).put("clientName", a.clientName())
                .put("subject", a.subject()).put("value", plain(a.value())).put("limit", plain(a.limit()))
                .put("cause", a.cause().name()).put("cureBy", a.cureBy() == null ? null : a.cureBy().toString())
                .put("message", a.message()).put("messageEn", a.messageEn())
                .put("openedAt", time(a.openedAt())).put("updatedAt", time(a.updatedAt()))
                .put("resolvedAt", time(a.resolvedAt())).put("acknowledgedBy", a.acknowledgedBy())
                .put("comment", a.comment()).put("remindedOn", a.remindedOn() == null ? null : a.remindedOn().toString())
                .put("escalatedAt", time(a.escalatedAt())).put("evidence", new JsonObject(a.evidence()));
    }

    public static Alert fromJson(JsonObject j) {
        return new Alert(j.getLong("id"), j.getString("fingerprint"), Rule.valueOf(j.getString("rule")),
                Severity.valueOf(j.getString("severity")), AlertState.valueOf(j.getString("state")),
                j.getString("account"), j.getString("clientCode"), j.getString("clientName"), j.getString("subject"),
                decimal(j.getString("value")), decimal(j.getString("limit")), Cause.valueOf(j.getString("cause")),
                j.getString("cureBy") == null ? null : LocalDate.parse(j.getString("cureBy")), j.getString("message"),
                j.getString("messageEn"), j.getJsonObject("evidence", new JsonObject()).getMap(),
                instant(j.getString("openedAt")), instant(j.getString("updatedAt")), instant(j.getString("resolvedAt")),
                j.getString("acknowledgedBy"), j.getString("comment"),
                j.getString("remindedOn") == null ? null : LocalDate.parse(j.getString("remindedOn")), instant(j.getString("escalatedAt")));
    }

    public static String time(Instant t) {
        return t == null ? null : OffsetDateTime.ofInstant(t, SHANGHAI).toString();
    }

    private static Instant instant(String s) { return s == null ? null : OffsetDateTime.parse(s).toInstant(); }

    /** "0.1050000000" read back from NUMERIC becomes "0.105": one spelling per number, whatever its source. */
    private static String plain(BigDecimal d) {
        if (d == null) return null;
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    private static BigDecimal decimal(String s) { return s == null ? null : new BigDecimal(s); }
}
