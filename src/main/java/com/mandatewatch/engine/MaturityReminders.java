package com.mandatewatch.engine;

import com.mandatewatch.alerts.Alert;
import com.mandatewatch.alerts.AlertState;
import com.mandatewatch.alerts.EventKind;
import com.mandatewatch.alerts.Transition;
import com.mandatewatch.domain.Condition;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.Rule;
import com.mandatewatch.rules.BusinessCalendar;
import com.mandatewatch.rules.MaturityRule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The maturity reminder schedule (SPEC §4): which open MATURITY alerts are due a REMINDER now, and which maturity
 * announcements count as the day's reminder. Run by the {@link Engine} on its thread; no I/O. The schedule is the
 * rule's ({@link MaturityRule#isReminderDay}); this class only remembers, through {@link Alert#remindedOn()}, which
 * of its days have been served, so that a restart neither repeats nor loses one (C19, C26).
 */
final class MaturityReminders {
    /**
     * A reminder day's reminder is due at 09:00 Shanghai: people read it at their desks before the 09:30 open, and a
     * service that was down that morning (C26: down 08:00–11:00) can tell that it is late.
     */
    static final LocalTime DUE_AT = LocalTime.of(9, 0);
    /** A long outage still gives one reminder; looking back further than this only costs time. */
    private static final int MAX_LOOKBACK_DAYS = 400;

    private final BusinessCalendar calendar;

    MaturityReminders(BusinessCalendar calendar) {
        this.calendar = calendar;
    }

    static Instant dueAt(LocalDate day) {
        return day.atTime(DUE_AT).atZone(BusinessCalendar.SHANGHAI).toInstant();
    }

    /**
     * A maturity alert that was just opened, or whose severity change was mailed, has had today's announcement:
     * no REMINDER on the same day on top of it. An OPENED whose first-warning day passed while the engine did not
     * run at all (its last evaluated date is before that day) is the caught-up first warning: marked delayed.
     */
    List<Transition> stamp(List<Transition> transitions, LocalDate today, LocalDate evaluatedBefore) {
        List<Transition> out = new ArrayList<>(transitions.size());
        for (Transition t : transitions) {
            Alert a = t.alert();
            boolean announced = t.kind() == EventKind.OPENED || (t.kind() == EventKind.UPDATED && !t.recipients().isEmpty());
            if (a.rule() != Rule.MATURITY || !announced) {
                out.add(t);
                continue;
            }
            Alert next = a.remindedOn(today);
            LocalDate first = firstWarningDay(a);
            if (t.kind() == EventKind.OPENED && first != null && first.isBefore(today)
                    && evaluatedBefore != null && evaluatedBefore.isBefore(first)) {
                next = next.reminded(a.value(), Delay.zh(first) + a.message(), Delay.en(first) + a.messageEn(),
                        withReminder(a.evidence(), first, List.of(first), true), a.updatedAt(), today);
            }
            out.add(new Transition(t.kind(), next, t.recipients()));
        }
        return out;
    }

    /**
     * One REMINDER per open, unacknowledged MATURITY alert whose reminder days since the last announcement include
     * one already due at {@code now}. Several missed days give one reminder, not one per day (C26). It is delayed
     * when its day is past, or when it fell due before this run of the engine was online ({@code onlineSince},
     * null until business time first moved after a restart).
     */
    List<Transition> due(Collection<Alert> open, Directory directory, OffsetDateTime now, OffsetDateTime onlineSince,
                         Function<Alert, List<String>> recipients) {
        LocalDate today = BusinessCalendar.businessDate(now);
        List<Transition> out = new ArrayList<>();
        for (Alert a : open) {
            // acknowledging stops reminders until the alert changes (SPEC §5); a severity change clears it
            if (a.rule() != Rule.MATURITY || a.state() != AlertState.FIRING) continue;
            Optional<Contract> contract = contract(directory, a.subject());
            if (contract.isEmpty() || contract.get().maturityDate() == null) continue;
            List<LocalDate> missed = missedDays(a, contract.get().maturityDate(), today, now.toInstant());
            if (missed.isEmpty()) continue;
            Optional<Condition> c = MaturityRule.evaluate(contract.get(), today, calendar);
            if (c.isEmpty()) continue; // no longer watched: the maturity reconcile resolves it
            LocalDate dueOn = missed.get(missed.size() - 1);
            boolean delayed = dueOn.isBefore(today) || onlineSince == null || dueAt(dueOn).isBefore(onlineSince.toInstant());
            Condition cond = c.get();
            Alert next = a.reminded(cond.value(), (delayed ? Delay.zh(dueOn) : "") + cond.message(),
                    (delayed ? Delay.en(dueOn) : "") + cond.messageEn(), withReminder(cond.evidence(), dueOn, missed, delayed),
                    now.toInstant(), today);
            out.add(new Transition(EventKind.REMINDER, next, recipients.apply(next)));
        }
        return out;
    }

    /** Reminder days after the last announcement, up to today, whose 09:00 has come. */
    private List<LocalDate> missedDays(Alert a, LocalDate maturity, LocalDate today, Instant now) {
        LocalDate last = a.remindedOn() != null ? a.remindedOn() : BusinessCalendar.businessDate(a.openedAt());
        LocalDate from = last.plusDays(1);
        if (from.isBefore(today.minusDays(MAX_LOOKBACK_DAYS))) from = today.minusDays(MAX_LOOKBACK_DAYS);
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            if (!dueAt(d).isAfter(now) && MaturityRule.isReminderDay(maturity, d, calendar)) out.add(d);
        }
        return out;
    }

    private static LocalDate firstWarningDay(Alert a) {
        Object f = a.evidence().get("firstWarningDay");
        return f == null ? null : LocalDate.parse(String.valueOf(f));
    }

    private static Optional<Contract> contract(Directory d, String code) {
        return d.contracts().stream().filter(c -> c.code().equals(code)).findFirst();
    }

    private static Map<String, Object> withReminder(Map<String, Object> evidence, LocalDate dueOn, List<LocalDate> missed,
                                                    boolean delayed) {
        Map<String, Object> out = new LinkedHashMap<>(evidence);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("dueOn", dueOn.toString());
        r.put("dueAt", DUE_AT.toString());
        r.put("delayed", delayed);
        r.put("covers", missed.stream().map(LocalDate::toString).toList()); // the reminder days this one stands for
        out.put("reminder", r);
        return out;
    }

    /** The words that mark a late announcement, in front of its message: the e-mail and the page both show them. */
    private static final class Delay {
        // the engine cannot tell an outage from a feed clock that skipped the day (the replay passes over make-up
        // Saturdays, on which nothing trades): the words name both
        static String zh(LocalDate dueOn) {
            return "【延迟提醒】原定 " + dueOn + " " + DUE_AT + " 发出，因当时服务未运行或未收到数据源时钟，现补发。";
        }

        static String en(LocalDate dueOn) {
            return "[Delayed reminder] due " + dueOn + " " + DUE_AT + "; the service was not running or had no feed clock then, sent now. ";
        }
    }
}
