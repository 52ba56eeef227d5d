package com.mandatewatch.notify;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.domain.Cause;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.rules.Percent;
import com.mandatewatch.store.OutboxStore;

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

    public Composed compose(List<OutboxStore.Mail> mails) {
        String subject;
        if (mails.size() == 1) {
            OutboxStore.Mail m = mails.get(0);
            Alert a = m.alert();
            subject = "[Mandate Watch] " + kind(m.kind()) + " · " + a.severity().zh + " · " + a.rule().zh + " · "
                    + who(a) + " · " + a.subject();
        } else {
            long critical = mails.stream().filter(m -> m.alert().severity().name().equals("CRITICAL")).count();
            subject = "[Mandate Watch] " + mails.size() + " 条预警更新（其中严重 " + critical + " 条）";
        }
        StringBuilder text = new StringBuilder("资产委托管理部 · Mandate Watch 预警通知\n\n");
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
                + "<h2>资产委托管理部 · Mandate Watch 预警通知</h2><table border=\"1\" cellpadding=\"6\" "
                + "style=\"border-collapse:collapse\"><tr><th>事件</th><th>级别</th><th>规则</th><th>客户 / 账户</th>"
                + "<th>对象</th><th>当前值 / 限额</th><th>原因</th><th>整改期限</th><th>说明</th><th>时间</th></tr>");
        for (OutboxStore.Mail m : mails) {
            Alert a = m.alert();
            String values = values(a);
            text.append("【").append(kind(m.kind())).append("】").append(a.severity().zh).append(" · ").append(a.rule().zh)
                    .append(" · ").append(who(a)).append(" · 账户 ").append(a.account()).append(" · 对象 ").append(a.subject()).append('\n')
                    .append("  ").append(a.message()).append('\n');
            if (!values.isEmpty()) text.append("  当前值 / 限额：").append(values).append('\n');
            text.append("  原因：").append(cause(a.cause()));
            if (a.cureBy() != null) text.append(" · 整改期限：").append(cure(a));
            text.append(" · 时间：").append(time(a)).append("\n\n");
            html.append("<tr><td>").append(esc(kind(m.kind()))).append("</td><td>").append(esc(a.severity().zh))
                    .append("</td><td>").append(esc(a.rule().zh)).append("</td><td>").append(esc(who(a))).append("<br>")
                    .append(esc(a.account())).append("</td><td>").append(esc(a.subject())).append("</td><td>")
                    .append(esc(values)).append("</td><td>").append(esc(cause(a.cause()))).append("</td><td>")
                    .append(esc(cure(a))).append("</td><td>")
                    .append(esc(a.message())).append("</td><td>").append(esc(time(a))).append("</td></tr>");
        }
        text.append("查看预警窗口：").append(dashboardUrl).append('\n');
        html.append("</table><p><a href=\"").append(esc(dashboardUrl)).append("\">打开预警窗口</a></p></body></html>");
        return new Composed(header(subject), text.toString(), html.toString());
    }

    private static String values(Alert a) {
        if (a.value() == null) return "";
        if (a.rule() == Rule.MATURITY) return "剩余 " + a.value().toPlainString() + " 天";
        if (a.rule() == Rule.DATA_QUALITY) return a.value().toPlainString() + (a.limit() == null ? "" : " / " + a.limit().toPlainString());
        return Percent.format(a.value(), a.limit()) + (a.limit() == null ? "" : " / " + Percent.formatLimit(a.limit()));
    }

    /** The cure date, and once it lapsed with the breach still there, that it was escalated (SPEC §4). */
    private static String cure(Alert a) {
        if (a.cureBy() == null) return "";
        return a.cureBy() + (a.escalatedAt() == null ? "" : "（已逾期未纠正，已升级至销售负责人）");
    }

    private static String who(Alert a) {
        if (a.clientName() != null) return a.clientName() + "（" + a.clientCode() + "）";
        if ("FIRM".equals(a.account())) return "全公司";
        return a.clientCode() != null ? a.clientCode() : a.account();
    }

    private static String kind(String kind) {
        try {
            return EventKind.valueOf(kind).zh;
        } catch (IllegalArgumentException e) {
            return kind;
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
        return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").trim();
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
