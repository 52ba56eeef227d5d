package com.mandatewatch.notify;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.rules.Percent;
import com.mandatewatch.store.OutboxStore;
import com.mandatewatch.text.Controls;
import com.mandatewatch.text.Html;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes the Chinese e-mail for one recipient's due alert events: one event alone, or a digest of several.
 * Every value from the data is escaped in HTML and stripped of line breaks in headers (C45, C46).
 */
public final class MailComposer {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final String dashboardUrl;

    public MailComposer(String dashboardUrl) {
        this.dashboardUrl = dashboardUrl;
    }

    public record Composed(String subject, String text, String html) {
    }

    /** A mail of the given lines; {@code stillOpen} are the recipient's other open alerts of the same accounts (C22). */
    public Composed compose(List<Coalescer.Line> lines, List<Alert> stillOpen) {
        String subject;
        if (lines.size() == 1) {
            Coalescer.Line l = lines.get(0);
            Alert a = l.latest().alert();
            subject = "[Mandate Watch] " + (l.reannounced() ? "静默结束 · " : "") + kind(l.latest()) + " · "
                    + a.severity().zh + " · " + a.rule().zh + " · " + who(a) + account(a) + " · " + subject(a);
        } else {
            long critical = lines.stream().filter(l -> l.latest().alert().severity().name().equals("CRITICAL")).count();
            subject = "[Mandate Watch] " + lines.size() + " 条预警通知（其中严重 " + critical + " 条）";
        }
        StringBuilder text = new StringBuilder("资产委托管理部 · Mandate Watch 预警通知\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
                + "<h2>资产委托管理部 · Mandate Watch 预警通知</h2>" + TABLE);
        for (Coalescer.Line l : lines) {
            Alert a = l.latest().alert();
            String note = note(l);
            String values = values(a);
            text.append("【").append(kind(l.latest())).append("】").append(a.severity().zh).append(" · ").append(a.rule().zh)
                    .append(" · ").append(who(a)).append(account(a)).append(" · 对象 ").append(subject(a)).append('\n')
                    .append("  当前状态：").append(state(l.latest().stateNow())).append(note.isEmpty() ? "" : " · " + note).append('\n')
                    .append("  ").append(a.message()).append('\n');
            String holders = holders(a);
            if (!holders.isEmpty()) text.append("  ").append(holders).append('\n');
            if (!values.isEmpty()) text.append("  当前值 / 限额：").append(values).append('\n');
            text.append("  原因：").append(cause(a.cause()));
            if (a.cureBy() != null) text.append(" · 整改期限：").append(cure(a));
            text.append(" · 时间：").append(time(a)).append("\n\n");
            html.append(row(kind(l.latest()), a, l.latest().stateNow(), note));
        }
        html.append("</table>");
        if (!stillOpen.isEmpty()) {
            // a partial resolution must not read as "all clear": name what is still open (C22)
            // read now, at sending: each line says so, beside the events above that are told as they happened
            text.append("以下预警仍未解除（截至本邮件发出时的最新状态）：\n");
            html.append("<h3>以下预警仍未解除（截至本邮件发出时的最新状态）</h3>").append(TABLE);
            for (Alert a : stillOpen) {
                text.append("  · ").append(a.severity().zh).append(" · ").append(a.rule().zh).append(" · ").append(who(a))
                        .append(account(a)).append(" · 对象 ").append(subject(a)).append(" · ")
                        .append(a.message()).append(" · 更新于 ").append(time(a)).append('\n');
                html.append(row("仍未解除", a, a.state(), ""));
            }
            text.append('\n');
            html.append("</table>");
        }
        text.append("查看预警窗口：").append(dashboardUrl).append('\n');
        html.append("<p><a href=\"").append(Html.escape(dashboardUrl)).append("\">打开预警窗口</a></p></body></html>");
        return new Composed(header(subject), text.toString(), html.toString());
    }

    private static final String TABLE = "<table border=\"1\" cellpadding=\"6\" style=\"border-collapse:collapse\"><tr><th>事件</th>"
            + "<th>状态</th><th>级别</th><th>规则</th><th>客户 / 账户</th><th>对象</th><th>当前值 / 限额</th><th>原因</th>"
            + "<th>整改期限</th><th>说明</th><th>时间</th></tr>";

    /** {@code now}: the alert's state when the mail is written, which may be later than the event's (C22). */
    private static String row(String event, Alert a, com.mandatewatch.alerts.AlertState now, String note) {
        return "<tr><td>" + Html.escape(event) + (note.isEmpty() ? "" : "<br><small>" + Html.escape(note) + "</small>") + "</td><td>"
                + Html.escape(state(now)) + "</td><td>" + Html.escape(a.severity().zh) + "</td><td>" + Html.escape(a.rule().zh) + "</td><td>" + Html.escape(who(a))
                + "<br>" + Html.escape(a.account()) + "</td><td>" + Html.escape(a.subject()) + "</td><td>" + Html.escape(values(a)) + "</td><td>"
                + Html.escape(cause(a.cause())) + "</td><td>" + Html.escape(cure(a)) + "</td><td>"
                + Html.escape(a.message()) + (holders(a).isEmpty() ? "" : "<br><small>" + Html.escape(holders(a)) + "</small>")
                + "</td><td>" + Html.escape(time(a)) + "</td></tr>";
    }

    /**
     * A firm-wide stake says how many accounts make it up (C13). Not which, nor how much each: the mail also goes to
     * the holding accounts' client managers, who may not read other managers' accounts; compliance reads the list in
     * the alert's evidence on the page.
     */
    static String holders(Alert a) {
        if (a.rule() != Rule.DISCLOSURE || a.evidence() == null) return "";
        Object accounts = a.evidence().get("accounts");
        int n = accounts instanceof java.util.Map<?, ?> m ? m.size() : accounts instanceof io.vertx.core.json.JsonObject j ? j.size() : 0;
        return n == 0 ? "" : "涉及持股账户 " + n + " 个（明细见预警窗口中该预警的依据）";
    }

    /** What a line stands for beyond its one event: the changes it folds, or a silence that ended. */
    private static String note(Coalescer.Line l) {
        StringBuilder b = new StringBuilder();
        if (l.changes() > 1) b.append("本条汇总 ").append(l.changes()).append(" 次变化");
        if (l.peakedHigher()) {
            Alert peak = l.peak().alert();
            b.append(" · 期间曾达「").append(peak.severity().zh).append("」：").append(peak.message());
        }
        if (l.reannounced()) b.append(b.isEmpty() ? "" : " · ").append("静默已结束，预警仍未解除");
        return b.toString();
    }

    private static String state(com.mandatewatch.alerts.AlertState state) {
        return switch (state) {
            case FIRING -> "未解除";
            case ACKNOWLEDGED -> "已确认，未解除";
            case RESOLVED -> "已解除";
        };
    }

    private static String values(Alert a) {
        if (a.value() == null) return "";
        if (a.rule() == Rule.MATURITY) return daysLeft(a.value());
        if (a.rule() == Rule.DATA_QUALITY) return a.value().toPlainString() + (a.limit() == null ? "" : " / " + a.limit().toPlainString());
        return Percent.format(a.value(), a.limit()) + (a.limit() == null ? "" : " / " + Percent.formatLimit(a.limit()));
    }

    /** A maturity countdown as people say it: overdue days are not "-3 days left". */
    static String daysLeft(java.math.BigDecimal days) {
        int sign = days.signum();
        if (sign == 0) return "今日到期";
        return sign > 0 ? "剩余 " + days.toPlainString() + " 天" : "已逾期 " + days.negate().toPlainString() + " 天";
    }

    /** The cure date, and once it lapsed with the breach still there, that it was escalated (SPEC §4). */
    private static String cure(Alert a) {
        if (a.cureBy() == null) return "";
        return a.cureBy() + (a.escalatedAt() == null ? "" : "（已逾期未纠正，已升级至销售负责人）");
    }

    /** " · 账户 A003", or nothing for a firm-wide alert: "全公司" already says whose it is. */
    private static String account(Alert a) {
        return "FIRM".equals(a.account()) || "FEED".equals(a.account()) ? "" : " · 账户 " + a.account();
    }

    /** The subject as people say it: 股票类 for the STOCK ratio, 低于下限 for a band's LOW side; codes stay codes. */
    static String subject(Alert a) {
        String s = a.subject();
        if (a.rule() == Rule.RETURN_BAND && ("LOW".equals(s) || "HIGH".equals(s))) return "LOW".equals(s) ? "低于下限" : "高于上限";
        if (a.rule() == Rule.DATA_QUALITY && "FEED".equals(s)) return "行情数据源";
        if (a.rule() == Rule.DATA_QUALITY && "NAV".equals(s)) return "净值";
        if (a.rule() == Rule.HOLDING_RATIO) {
            try {
                return com.mandatewatch.domain.SecurityKind.valueOf(s).zh;
            } catch (IllegalArgumentException e) {
                return s; // a security code
            }
        }
        return s;
    }

    private static String who(Alert a) {
        if (a.clientName() != null) return a.clientName() + "（" + a.clientCode() + "）";
        if ("FIRM".equals(a.account())) return "全公司";
        return a.clientCode() != null ? a.clientCode() : a.account();
    }

    /** The event in words; the update that escalated a lapsed cure period says so, not just "预警变化". */
    private static String kind(OutboxStore.Mail m) {
        Alert a = m.alert();
        if ("UPDATED".equals(m.kind()) && a.escalatedAt() != null && a.escalatedAt().equals(a.updatedAt())) return "整改逾期 · 已升级";
        try {
            return EventKind.valueOf(m.kind()).zh;
        } catch (IllegalArgumentException e) {
            return m.kind();
        }
    }

    private static String cause(Cause c) {
        return switch (c) {
            case TRADE -> "交易（主动）";
            case PRICE -> "价格变动（被动）";
            case REFERENCE -> "参考数据变化";
            case SCHEDULE -> "日程";
        };
    }

    private static String time(Alert a) {
        return a.updatedAt() == null ? "" : OffsetDateTime.ofInstant(a.updatedAt(), SHANGHAI).format(TIME);
    }

    /** A header value on one line: CR, LF and other controls would let data write headers of its own (C46). */
    static String header(String s) {
        return Controls.flatten(s).trim();
    }
}
