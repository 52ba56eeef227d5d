package com.mandatewatch.alerts;

/** What happened to an alert; each is persisted as an alert_event and pushed with its seq (SPEC §6). */
public enum EventKind {
    OPENED("新预警"), UPDATED("预警变化"), ACKNOWLEDGED("已确认"), RESOLVED("已解除"), REMINDER("提醒");

    public final String zh;

    EventKind(String zh) { this.zh = zh; }
}
