package com.mandatewatch.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The alert transitions one engine produced: (event index, fingerprint, from severity or none, to severity or
 * resolved), netted per event (a condition that moves and moves back within one event is no transition) and sorted
 * by fingerprint within an event, so engines that fire in different orders still write the same list. Event −1 is the
 * initial load. Severities: 0 none, 1 WARNING, 2 CRITICAL.
 */
public final class Trail {
    /** Subjects, as the ledger numbers them. */
    public static final int NAV = 0, KIND = 1, STOCK = 2, EXCLUDED = 3, UNVALUED = 4, LOW = 5, HIGH = 6, DISCLOSURE = 7;

    private final Map<Long, Integer> current = new HashMap<>();
    private Map<Long, Integer> before = new HashMap<>();
    private long[] event = new long[1024];
    private long[] key = new long[1024];
    private byte[] from = new byte[1024];
    private byte[] to = new byte[1024];
    private int size;

    public static long key(int subject, int account, int id) {
        return ((long) subject << 56) | ((long) (account + 1) << 28) | (id + 1);
    }

    /** Keys as map keys: a bijective mix, so that Long.hashCode spreads them (the packed fields would collide). */
    private static long mix(long k) {
        return k * 0x9E3779B97F4A7C15L;
    }

    private static long unmix(long m) {
        return m * 0xF1DE83E19937733DL; // the multiplicative inverse of the mixing constant mod 2^64
    }

    /** The condition's severity is now {@code severity} (0 none, 1 WARNING, 2 CRITICAL). */
    public void set(long key, int severity) {
        long k = mix(key);
        Integer was = current.get(k);
        int w = was == null ? 0 : was;
        if (w == severity) {
            return;
        }
        before.putIfAbsent(k, w);
        if (severity == 0) current.remove(k);
        else current.put(k, severity);
    }

    public int severity(long key) {
        return severityMixed(mix(key));
    }

    private int severityMixed(long k) {
        Integer s = current.get(k);
        return s == null ? 0 : s;
    }

    /** Closes one event: every condition whose severity differs from the event's start is a transition. */
    public void end(long eventIndex) {
        if (before.isEmpty()) {
            return;
        }
        long[] keys = new long[before.size()];
        int i = 0;
        for (long k : before.keySet()) keys[i++] = unmix(k);
        Arrays.sort(keys);
        for (long k : keys) {
            int b = before.get(mix(k));
            int a = severityMixed(mix(k));
            if (a != b) {
                add(eventIndex, k, b, a);
            }
        }
        // clear() costs the table's capacity, not its size: a map grown by the load would tax every later event
        if (keys.length > 16) before = new HashMap<>();
        else before.clear();
    }

    private void add(long e, long k, int b, int a) {
        if (size == event.length) {
            int cap = size * 2;
            event = Arrays.copyOf(event, cap);
            key = Arrays.copyOf(key, cap);
            from = Arrays.copyOf(from, cap);
            to = Arrays.copyOf(to, cap);
        }
        event[size] = e;
        key[size] = k;
        from[size] = (byte) b;
        to[size] = (byte) a;
        size++;
    }

    public int size() {
        return size;
    }

    /** Transitions of events before {@code limit} (the load included). */
    public int sizeBefore(long limit) {
        int n = 0;
        while (n < size && event[n] < limit) n++;
        return n;
    }

    /** The index of the first transition that differs from {@code other}'s within events before limit, or −1. */
    public int firstDifference(Trail other, long limit) {
        int n = sizeBefore(limit);
        int m = other.sizeBefore(limit);
        for (int i = 0; i < Math.min(n, m); i++) {
            if (event[i] != other.event[i] || key[i] != other.key[i] || from[i] != other.from[i] || to[i] != other.to[i]) {
                return i;
            }
        }
        return n == m ? -1 : Math.min(n, m);
    }

    public String describe(int i, Workload w) {
        if (i >= size) {
            return "(none)";
        }
        return "event " + event[i] + " " + fingerprint(key[i], w) + " " + name(from[i]) + " -> " + (to[i] == 0 ? "RESOLVED" : name(to[i]));
    }

    /** Transitions by rule, for the report. */
    public Map<String, Integer> byRule(Workload w) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (int i = 0; i < size; i++) {
            String fp = fingerprint(key[i], w);
            out.merge(fp.substring(0, fp.indexOf(':')), 1, Integer::sum);
        }
        return out;
    }

    static String name(int severity) {
        return severity == 0 ? "none" : severity == 1 ? "WARNING" : "CRITICAL";
    }

    public static String fingerprint(long k, Workload w) {
        int subject = (int) (k >>> 56);
        int account = (int) ((k >>> 28) & 0xFFF_FFFF) - 1;
        int id = (int) (k & 0xFFF_FFFF) - 1;
        String a = account < 0 ? "FIRM" : w.account[account];
        return switch (subject) {
            case NAV -> "DATA_QUALITY:" + a + ":NAV";
            case KIND -> "HOLDING_RATIO:" + a + ":" + com.mandatewatch.domain.SecurityKind.values()[id];
            case STOCK -> "HOLDING_RATIO:" + a + ":" + w.code[id];
            case EXCLUDED -> "EXCLUDED_SECURITY:" + a + ":" + w.code[id];
            case UNVALUED -> "DATA_QUALITY:" + a + ":" + w.code[id];
            case LOW -> "RETURN_BAND:" + a + ":LOW";
            case HIGH -> "RETURN_BAND:" + a + ":HIGH";
            case DISCLOSURE -> "DISCLOSURE:FIRM:" + w.code[id];
            default -> "?" + subject;
        };
    }
}
