package com.mandatewatch.json;

import com.mandatewatch.domain.*;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The JSON shapes of SPEC §7 for clients, contracts, mandates and securities, both ways; the same shapes
 * are stored in the database's JSONB columns. Decimals travel as strings so that no reader turns them into
 * floating point.
 */
public final class DomainJson {
    private static final java.util.regex.Pattern BARE_A_SHARE = java.util.regex.Pattern.compile("[0-9]{6}");
    private static final BigDecimal ZERO = BigDecimal.ZERO;
    private static final BigDecimal ONE = BigDecimal.ONE;
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000000000");

    private DomainJson() {
    }

    public static String plain(BigDecimal d) { return d == null ? null : d.toPlainString(); }

    // ---- clients

    public static JsonObject client(Client c) {
        return new JsonObject().put("code", c.code()).put("name", c.name()).put("nature", c.nature().name())
                .put("manager", c.manager()).put("stage", c.stage().name()).put("status", c.status().name());
    }

    public static Client client(JsonObject body, String pathCode) {
        Fields f = new Fields(body);
        Client c = client(f, pathCode);
        f.throwIfAny();
        return c;
    }

    /**
     * The client as far as it could be read, its errors left in {@code f}: the API adds what only the database knows
     * (an unknown manager) before answering one 400 that names every bad field.
     */
    public static Client client(Fields f, String pathCode) {
        // what a GET answers may be sent back (status, version, managerName, the computed classification are ignored); anything
        // else is a misspelt field that would be dropped unseen
        f.onlyKnown("code", "name", "nature", "manager", "managerName", "stage", "status", "version", "classification");
        String code = code(f, pathCode);
        Client c = new Client(code, f.text("name", true, 200),
                f.enumValue("nature", ClientNature.class, true, null), f.code("manager", false),
                f.enumValue("stage", LifecycleStage.class, false, LifecycleStage.SIGNED), RecordStatus.DRAFT);
        return c;
    }

    /** The record's code: the path's on an update, where a different code in the body is a mistake, not a rename. */
    private static String code(Fields f, String pathCode) {
        if (pathCode == null) return f.code("code", true);
        String sent = f.has("code") ? f.code("code", false) : null;
        if (sent != null && !sent.equals(pathCode)) f.error("code", "与路径中的编号 " + pathCode + " 不一致，编号不能修改 / differs from the path; a code cannot be changed");
        return pathCode;
    }

    // ---- contracts

    public static JsonObject contract(Contract c) {
        return new JsonObject().put("code", c.code()).put("clientCode", c.clientCode()).put("account", c.account())
                .put("amount", plain(c.amount())).put("startDate", c.startDate().toString())
                .put("maturityDate", c.maturityDate().toString()).put("type", c.type().name())
                .put("status", c.status().name()).put("targetReturn", plain(c.targetReturn()))
                .put("returnBand", band(c.returnBand())).put("limits", limits(c.limits()))
                .put("excluded", exclusions(c.excluded())).put("expectedRenewal", plain(c.expectedRenewal()))
                .put("tradingManager", c.tradingManager()).put("recordStatus", c.recordStatus().name());
    }

    public static Contract contract(JsonObject body, String pathCode) {
        Fields f = new Fields(body);
        Contract k = contract(f, pathCode);
        f.throwIfAny();
        return k;
    }

    /** As {@link #client(Fields, String)}: the contract as read, its errors left in {@code f}. */
    public static Contract contract(Fields f, String pathCode) {
        // a misspelt "limit" or "exclude" would otherwise leave the contract without its limits (what a GET answers
        // may be sent back: recordStatus and version are ignored here)
        f.onlyKnown("code", "clientCode", "account", "amount", "startDate", "maturityDate", "type", "status", "targetReturn",
                "returnBand", "limits", "excluded", "expectedRenewal", "tradingManager", "recordStatus", "version");
        String code = code(f, pathCode);
        String client = f.code("clientCode", true);
        String account = f.code("account", true);
        BigDecimal amount = f.decimal("amount", true, null, MAX_AMOUNT);
        var start = f.date("startDate", true);
        var maturity = f.date("maturityDate", true);
        if (start != null && maturity != null && maturity.isBefore(start)) {
            f.error("maturityDate", "到期日不能早于起始日 / maturity date before start date");
        }
        ContractType type = f.enumValue("type", ContractType.class, true, null);
        ContractStatus status = f.enumValue("status", ContractStatus.class, false, ContractStatus.PLANNED);
        // a fraction per year: 0.06 is 6%; "6" (600%) is a percentage typed in the wrong unit
        BigDecimal target = f.decimal("targetReturn", false, ONE.negate(), ONE);
        ReturnBand band = band(f.object("returnBand"));
        Limits limits = limits(f.object("limits"));
        Exclusions excluded = exclusions(f.object("excluded"));
        BigDecimal renewal = f.decimal("expectedRenewal", false, ZERO, MAX_AMOUNT);
        // money is counted in 分: a third decimal place is a typing error, not an amount; nothing is entrusted for 0
        if (amount != null && amount.signum() <= 0) f.error("amount", "委托金额必须大于 0 / must be > 0");
        if (amount != null && amount.stripTrailingZeros().scale() > 2) f.error("amount", "金额最多两位小数（分） / at most 2 decimals");
        if (renewal != null && renewal.stripTrailingZeros().scale() > 2) f.error("expectedRenewal", "金额最多两位小数（分） / at most 2 decimals");
        String trader = f.code("tradingManager", false);
        return new Contract(code, client, account, amount, start, maturity, type, status, target, band, limits,
                excluded, renewal, trader, RecordStatus.DRAFT);
    }

    public static JsonObject band(ReturnBand b) {
        return new JsonObject().put("low", plain(b.low())).put("high", plain(b.high()));
    }

    public static ReturnBand band(Fields f) {
        f.onlyKnown("low", "high");
        BigDecimal low = f.decimal("low", false, ONE.negate(), BigDecimal.TEN);
        BigDecimal high = f.decimal("high", false, ONE.negate(), BigDecimal.TEN);
        if (low != null && high != null && low.compareTo(high) > 0) f.error("high", "上限不能低于下限 / high below low");
        return new ReturnBand(low, high);
    }

    public static JsonObject limits(Limits l) {
        JsonObject kinds = new JsonObject();
        l.kinds().forEach((k, b) -> kinds.put(k.name(), new JsonObject().put("min", plain(b.min())).put("max", plain(b.max()))));
        return new JsonObject().put("kinds", kinds).put("singleSecurityMax", plain(l.singleSecurityMax()))
                .put("warnFraction", plain(l.warnFraction()));
    }

    public static Limits limits(Fields f) {
        f.onlyKnown("kinds", "singleSecurityMax", "warnFraction");
        Map<SecurityKind, Bounds> kinds = new EnumMap<>(SecurityKind.class);
        Fields kindsField = f.object("kinds");
        JsonObject raw = f.rawObject("kinds");
        for (String name : raw.fieldNames()) {
            SecurityKind kind;
            try {
                kind = SecurityKind.valueOf(name);
            } catch (IllegalArgumentException e) {
                kindsField.error(name, "未知证券类别 / unknown security kind");
                continue;
            }
            Fields b = kindsField.object(name);
            b.onlyKnown("min", "max");
            BigDecimal min = b.decimal("min", false, ZERO, ONE);
            BigDecimal max = b.decimal("max", false, ZERO, ONE);
            if (min != null && max != null && min.compareTo(max) > 0) b.error("max", "上限不能低于下限 / max below min");
            kinds.put(kind, new Bounds(min, max));
        }
        BigDecimal single = f.decimal("singleSecurityMax", false, ZERO, ONE);
        BigDecimal warn = f.decimal("warnFraction", false, ZERO, ONE);
        return new Limits(kinds, single, warn);
    }

    public static JsonObject exclusions(Exclusions e) {
        return new JsonObject().put("codes", new JsonArray(e.codes().stream().sorted().toList()))
                .put("issuers", new JsonArray(e.issuers().stream().sorted().toList()))
                .put("flags", new JsonArray(e.flags().stream().sorted().toList()));
    }

    public static Exclusions exclusions(Fields f) {
        f.onlyKnown("codes", "issuers", "flags");
        Set<String> codes = f.upperCodes("codes");
        if (f.rawValue("codes") instanceof JsonArray given) {
            for (int i = 0; i < given.size(); i++) {
                // a bare A-share number is no code the feed carries (600000.SH, 000001.SZ): it would never match, and
                // 000001 is two securities, 平安银行 in Shenzhen and the SSE index in Shanghai
                String bare = given.getValue(i) instanceof String s ? s.strip() : "";
                if (BARE_A_SHARE.matcher(bare).matches()) {
                    f.error("codes[" + i + "]", "请带交易所后缀，如 " + bare + ".SH 或 " + bare + ".SZ / add the exchange suffix, e.g. "
                            + bare + ".SH or " + bare + ".SZ");
                }
            }
        }
        return new Exclusions(codes, f.codes("issuers"), f.upperCodes("flags"));
    }

    // ---- securities

    public static JsonObject security(Security s) {
        return new JsonObject().put("code", s.code()).put("name", s.name()).put("kind", s.kind().name())
                .put("issuer", s.issuer()).put("totalShares", s.totalShares())
                .put("flags", new JsonArray(s.flags().stream().sorted().toList()));
    }

    public static Set<String> strings(JsonArray a) {
        if (a == null) return Set.of();
        return Set.copyOf(a.stream().map(String::valueOf).toList());
    }
}
