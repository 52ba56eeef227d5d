package com.mandatewatch.demo;

import com.mandatewatch.domain.Bounds;
import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.ClientNature;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.ContractType;
import com.mandatewatch.domain.Exclusions;
import com.mandatewatch.domain.LifecycleStage;
import com.mandatewatch.domain.Limits;
import com.mandatewatch.domain.RecordStatus;
import com.mandatewatch.domain.ReturnBand;
import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import com.mandatewatch.feed.FeedEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the demo data set of Mandate Watch from the real prices and security master on the classpath
 * ({@code /data/}); the service loads it on an empty database when {@code MW_DEMO=true}, and {@link PriceReplay}
 * then replays real daily closes over it from {@link #REPLAY_START}. Deterministic: the same data every call.
 * {@code src/main/resources/data/DEMO.md} describes it for people, with the dates on which each rule fires.
 *
 * <h2>What is in it</h2>
 * <ul>
 *   <li>12 users: client managers {@code cm1..cm4}, {@code lead1} (SALES_LEAD), {@code mkt1} (MARKETING_MANAGER),
 *       {@code rec1} (RECORDS_CUSTODIAN), {@code trader1}/{@code trader2} (TRADING), {@code fin1} (FINANCE),
 *       {@code comp1} (COMPLIANCE), {@code ops1} (OPS); e-mail {@code <username>@example.com}.</li>
 *   <li>18 fictional, anonymised clients {@code C001..C018} of all four natures.</li>
 *   <li>22 contracts {@code K-2014-001..020} (ACTIVE, accounts {@code A001..A020}) and {@code K-2015-001..002}
 *       (PLANNED, accounts {@code A021, A022}, no positions), amounts 1千万 … 10亿, all four contract types,
 *       maturities from 2015-02-27 to 2016-12-30.</li>
 *   <li>Securities: the 64 stocks of the price file (real short name, issuer = registered full name, total
 *       shares from the master), plus {@code 600000.SH} 浦发银行, which is in the master but has no price in the
 *       file.</li>
 *   <li>Portfolios at 2015-01-05 09:00, built at the closes of 2014-12-31 to target weights in whole lots of
 *       100 shares; cash makes up the rest, so each account's NAV at the start equals its contract amount.
 *       Portfolios avoid the stocks whose unadjusted prices show a bonus-share gap in 2015, so that the 2015
 *       returns are real market moves.</li>
 * </ul>
 *
 * <h2>What fires (all from real prices, verified by {@code DemoScenarioTest})</h2>
 * <ul>
 *   <li>HOLDING_RATIO, passive: A002 holds 中国中铁 601390.SH at 9.3% (warning from the start), the rally
 *       takes it past its 10% single-security max on 2015-03-20; A003 holds 52% stocks against a STOCK max of
 *       60%, the rally takes it past 54% (warning) and 60% (2015-04-17). Active: on 2015-04-16 trader2 raises
 *       招商银行 600036.SH in A004 to 11.2% of NAV.</li>
 *   <li>RETURN_BAND: stock-heavy no-guarantee accounts (A001 from 2015-04-17, A019) go above their high band in
 *       the spring rally; the capital-guaranteed A006 and A007 (40-42% in stocks), above +8% in April, fall below
 *       0 on 2015-07-02 in the crash (they also dip below 0 in the January 2015 sell-off; the quieter
 *       capital-guaranteed and treasury-face-value accounts hold Q1-resilient stocks and stay above 0).</li>
 *   <li>EXCLUDED_SECURITY: A005's contract excludes the issuer 上海医药集团股份有限公司; trader1 buys 上海医药
 *       601607.SH there on 2015-03-10 and sells it on 2015-03-24.</li>
 *   <li>DISCLOSURE: four designated-security (指定证券, type OTHER) accounts A009-A012 and a small holding in
 *       A013 hold 4.6% of 中金黄金 600489.SH (3,451,137,189 shares) at the start, no account more than 1.4%;
 *       buys on 2015-03-18 (A010) and 2015-04-14 (A009, A012) take the firm past 5%; a sale in A011 on 2015-09-17
 *       takes it back under 5%.</li>
 *   <li>MATURITY: A006 matures 2015-02-27 (in its warning window from the start), A001 2015-03-20 (first warning
 *       2015-01-20), A002 2015-04-30 (first warning 2015-02-28, a make-up working Saturday), then one or two a
 *       month through 2016-12.</li>
 *   <li>DATA_QUALITY: A014 holds 200,000 浦发银行 600000.SH transferred in, which never gets a price.</li>
 * </ul>
 */
public final class DemoDataSet {
    /** The first replayed trading day. */
    public static final LocalDate REPLAY_START = LocalDate.of(2015, 1, 5);
    static final ZoneOffset SHANGHAI = ZoneOffset.ofHours(8);
    /** The stock the firm-wide disclosure story is about: 中金黄金, the smallest market value of the 64. */
    static final String DISCLOSURE_CODE = "600489.SH";
    /** A master stock that is not in the price file: held by A014, never valued. */
    static final String UNPRICED_CODE = "600000.SH";

    private static final BigDecimal LOT = BigDecimal.valueOf(100);

    private DemoDataSet() {}

    /** Builds the data set: reads the classpath files (the price file once per JVM) and computes the portfolios. */
    public static DemoData build() {
        PriceTable table = PriceTable.get();
        Map<String, SecurityMaster.Row> master = SecurityMaster.load();
        int start = table.indexOnOrAfter(REPLAY_START);
        if (start == 0 || start >= table.dates().size()) {
            throw new IllegalStateException("price file does not cover the day before " + REPLAY_START);
        }
        int base = start - 1;   // 2014-12-31, whose closes are the opening prices
        OffsetDateTime openTs = OffsetDateTime.of(REPLAY_START, LocalTime.of(9, 0), SHANGHAI);

        List<Security> securities = new ArrayList<>();
        for (String code : table.codes()) securities.add(stock(master, code));
        securities.add(stock(master, UNPRICED_CODE));

        List<FeedEvent> opening = new ArrayList<>();
        for (String code : table.codes()) {
            opening.add(new FeedEvent.Price(null, openTs, code, table.close(base, code)));
        }

        List<Contract> contracts = new ArrayList<>();
        for (Mandate m : mandates()) {
            contracts.add(m.contract());
            if (m.status != ContractStatus.ACTIVE) continue;
            TreeMap<String, BigDecimal> holding = new TreeMap<>();
            BigDecimal invested = BigDecimal.ZERO;
            for (Map.Entry<String, BigDecimal> w : m.weights.entrySet()) {
                BigDecimal price = table.close(base, w.getKey());
                if (price == null) throw new IllegalStateException(m.account + ": no price for " + w.getKey());
                BigDecimal lots = m.amount.multiply(w.getValue())
                        .divide(price.multiply(LOT), 0, RoundingMode.FLOOR);
                BigDecimal qty = lots.multiply(LOT);
                holding.merge(w.getKey(), qty, BigDecimal::add);
                invested = invested.add(qty.multiply(price));
            }
            m.fixed.forEach((code, qty) -> holding.merge(code, BigDecimal.valueOf(qty), BigDecimal::add));
            BigDecimal cash = m.amount.subtract(invested).setScale(2, RoundingMode.UNNECESSARY);
            if (cash.signum() < 0) throw new IllegalStateException(m.account + ": weights above 100%");
            holding.forEach((code, qty) -> opening.add(new FeedEvent.Position(null, openTs, m.account, code, qty)));
            opening.add(new FeedEvent.Position(null, openTs, m.account, Security.CASH_CODE, cash));
        }
        return new DemoData(REPLAY_START, users(), clients(), contracts, securities, opening);
    }

    private static Security stock(Map<String, SecurityMaster.Row> master, String code) {
        SecurityMaster.Row row = master.get(code);
        if (row == null) throw new IllegalStateException("security master has no " + code);
        return new Security(code, row.name(), SecurityKind.STOCK, row.fullname(), row.totalShares(), Set.of());
    }

    // ---------------------------------------------------------------- people

    static List<DemoUser> users() {
        return List.of(
                user("cm1", "张伟", "CLIENT_MANAGER"),
                user("cm2", "李静", "CLIENT_MANAGER"),
                user("cm3", "王磊", "CLIENT_MANAGER"),
                user("cm4", "刘洋", "CLIENT_MANAGER"),
                user("lead1", "陈晓东", "SALES_LEAD"),
                user("mkt1", "赵敏", "MARKETING_MANAGER"),
                user("rec1", "孙丽", "RECORDS_CUSTODIAN"),
                user("trader1", "周强", "TRADING"),
                user("trader2", "吴昊", "TRADING"),
                user("fin1", "郑红", "FINANCE"),
                user("comp1", "冯建国", "COMPLIANCE"),
                user("ops1", "何平", "OPS"));
    }

    private static DemoUser user(String username, String name, String role) {
        return new DemoUser(username, name, role, username + "@example.com");
    }

    static List<Client> clients() {
        return List.of(
                client("C001", "华东某上市装备制造股份公司", ClientNature.LISTED_COMPANY, "cm1", LifecycleStage.MAINTAINING),
                client("C002", "深圳某上市电子科技股份公司", ClientNature.LISTED_COMPANY, "cm2", LifecycleStage.MAINTAINING),
                client("C003", "北京某上市医药股份公司", ClientNature.LISTED_COMPANY, "cm3", LifecycleStage.SIGNED),
                client("C004", "浙江某上市纺织股份公司", ClientNature.LISTED_COMPANY, "cm4", LifecycleStage.SIGNED),
                client("C005", "某省属能源集团有限公司", ClientNature.STATE_OWNED, "cm1", LifecycleStage.MAINTAINING),
                client("C006", "某市国有资产经营有限公司", ClientNature.STATE_OWNED, "cm2", LifecycleStage.SIGNED),
                client("C007", "某央企集团财务有限公司", ClientNature.STATE_OWNED, "cm3", LifecycleStage.MAINTAINING),
                client("C008", "某省投资控股集团有限公司", ClientNature.STATE_OWNED, "cm4", LifecycleStage.SIGNED),
                client("C009", "某市城市建设投资集团有限公司", ClientNature.STATE_OWNED, "cm1", LifecycleStage.SIGNED),
                client("C010", "江苏某民营投资有限公司", ClientNature.PRIVATE, "cm2", LifecycleStage.MAINTAINING),
                client("C011", "广东某民营实业集团有限公司", ClientNature.PRIVATE, "cm3", LifecycleStage.SIGNED),
                client("C012", "福建某民营贸易有限公司", ClientNature.PRIVATE, "cm4", LifecycleStage.SIGNED),
                client("C013", "山东某民营化工有限公司", ClientNature.PRIVATE, "cm1", LifecycleStage.SIGNED),
                client("C014", "某大学教育发展基金会", ClientNature.OTHER, "cm2", LifecycleStage.SIGNED),
                client("C015", "某全国性行业协会", ClientNature.OTHER, "cm3", LifecycleStage.SIGNED),
                client("C016", "某企业年金理事会", ClientNature.OTHER, "cm4", LifecycleStage.SIGNED),
                new Client("C017", "四川某民营医疗集团有限公司", ClientNature.PRIVATE, "cm1", LifecycleStage.DEVELOPING,
                        RecordStatus.DRAFT),
                new Client("C018", "某城市商业银行股份有限公司", ClientNature.OTHER, "cm2", LifecycleStage.PROSPECT,
                        RecordStatus.DRAFT));
    }

    private static Client client(String code, String name, ClientNature nature, String manager, LifecycleStage stage) {
        return new Client(code, name, nature, manager, stage, RecordStatus.SEALED);
    }

    // ---------------------------------------------------------------- contracts and portfolios

    /**
     * Stocks that never closed below their 2014-12-31 close in the first quarter of 2015: the quiet
     * capital-guaranteed and treasury-face-value accounts hold these, so they stay above 0 through the
     * January 2015 sell-off and only the June–August crash tests them.
     */
    private static final String[] RESILIENT = {"002415.SZ", "600703.SH", "600406.SH", "000768.SZ", "600104.SH"};

    static List<Mandate> mandates() {
        List<Mandate> all = new ArrayList<>();
        // A001: stock-heavy growth mandate, matures first in the replay: MATURITY from 2015-01-20, RETURN_BAND HIGH
        all.add(m("K-2014-001", "C001", "A001", "300000000.00", ContractType.NO_GUARANTEE, "2014-03-20", "2015-03-20")
                .target("0.08").band("-0.10", "0.30").stockMax("0.80").trader("trader1").renewal("300000000.00")
                .holdEach("0.05", "600115.SH", "000768.SZ", "002024.SZ", "600703.SH", "002415.SZ", "601989.SH",
                        "600150.SH", "600050.SH", "601933.SH", "000725.SZ", "600406.SH", "002007.SZ", "000063.SZ",
                        "000100.SZ"));
        // A002: 中国中铁 at 9.3% rallies past the 10% single-security max (passive HOLDING_RATIO)
        all.add(m("K-2014-002", "C005", "A002", "500000000.00", ContractType.NO_GUARANTEE, "2014-04-30", "2015-04-30")
                .target("0.07").band("-0.10", "0.25").stockMax("0.70").trader("trader2").renewal("400000000.00")
                .excludeCodes("600028.SH")
                .hold("601390.SH", "0.093")
                .holdEach("0.045", "601398.SH", "601288.SH", "601088.SH", "601857.SH", "600019.SH", "601006.SH",
                        "600018.SH", "601628.SH", "600104.SH", "600585.SH"));
        // A003: 52% stocks against a STOCK max of 60% (passive HOLDING_RATIO on the kind)
        all.add(m("K-2014-003", "C010", "A003", "200000000.00", ContractType.NO_GUARANTEE, "2014-06-30", "2015-06-30")
                .target("0.10").band("-0.15", "0.40").stockMax("0.60").trader("trader1").renewal("150000000.00")
                .holdEach("0.052", "600115.SH", "002024.SZ", "601989.SH", "600050.SH", "601933.SH", "000725.SZ",
                        "601668.SH", "600010.SH", "600705.SH", "002202.SZ"));
        // A004: trader2 raises 招商银行 to 11.2% on 2015-04-16 (active HOLDING_RATIO)
        all.add(m("K-2014-004", "C002", "A004", "150000000.00", ContractType.NO_GUARANTEE, "2014-09-30", "2015-09-30")
                .target("0.08").band("-0.10", "0.30").stockMax("0.70").trader("trader2").renewal("100000000.00")
                .hold("600036.SH", "0.06")
                .holdEach("0.055", "600519.SH", "600600.SH", "601888.SH", "600009.SH", "601006.SH", "601398.SH",
                        "600104.SH", "601088.SH"));
        // A005: excludes the issuer of 上海医药; trader1 buys it by mistake (EXCLUDED_SECURITY)
        all.add(m("K-2014-005", "C003", "A005", "80000000.00", ContractType.NO_GUARANTEE, "2014-12-31", "2015-12-31")
                .target("0.08").band("-0.10", "0.30").stockMax("0.70").trader("trader1").renewal("80000000.00")
                .excludeIssuers("上海医药集团股份有限公司", "广州白云山医药集团股份有限公司").excludeCodes("002007.SZ")
                .excludeFlags("ST")
                .holdEach("0.05", "600519.SH", "600036.SH", "601398.SH", "600900.SH", "601006.SH", "600104.SH",
                        "600585.SH", "600009.SH"));
        // A006: capital-guaranteed, 45% blue chips bought at their end-2014 highs: below 0 in the crash
        all.add(m("K-2014-006", "C007", "A006", "400000000.00", ContractType.CAPITAL_GUARANTEED, "2014-02-27", "2015-02-27")
                .target("0.045").band("0.00", "0.08").stockMax("0.50").trader("trader1").renewal("400000000.00")
                .excludeFlags("ST")
                .holdEach("0.05", "600104.SH", "601857.SH", "600600.SH", "600362.SH", "601628.SH", "600406.SH",
                        "000063.SZ", "600030.SH"));
        // A007: capital-guaranteed, 48% cyclicals: below 0 in the crash
        all.add(m("K-2014-007", "C011", "A007", "120000000.00", ContractType.CAPITAL_GUARANTEED, "2014-07-31", "2015-07-31")
                .target("0.045").band("0.00", "0.08").stockMax("0.50").trader("trader2").renewal("60000000.00")
                .holdEach("0.06", "600104.SH", "601857.SH", "600406.SH", "600362.SH", "600048.SH", "600031.SH",
                        "600585.SH"));
        // A008: treasury-face-value mandate, little equity: quiet
        all.add(m("K-2014-008", "C014", "A008", "50000000.00", ContractType.TREASURY_FACE_VALUE, "2014-06-30", "2016-06-30")
                .target("0.04").band("0.00", "0.06").stockMax("0.20").trader("trader1").renewal("50000000.00")
                .excludeFlags("ST")
                .holdEach("0.02", "002415.SZ", "600703.SH", "600406.SH"));
        // A009-A012: designated-security mandates (指定证券型) holding 中金黄金: the DISCLOSURE story
        all.add(m("K-2014-009", "C008", "A009", "1000000000.00", ContractType.OTHER, "2014-12-30", "2016-12-30")
                .target("0.06").band("-0.20", "0.50").stockMax("0.85").single(null).trader("trader2")
                .renewal("1000000000.00")
                .hold(DISCLOSURE_CODE, "0.50").holdEach("0.05", "601398.SH", "601088.SH"));
        all.add(m("K-2014-010", "C006", "A010", "1000000000.00", ContractType.OTHER, "2014-09-30", "2016-09-30")
                .target("0.06").band("-0.20", "0.50").stockMax("0.85").single(null).trader("trader2")
                .renewal("800000000.00")
                .hold(DISCLOSURE_CODE, "0.50").holdEach("0.05", "601288.SH", "600018.SH"));
        all.add(m("K-2014-011", "C009", "A011", "800000000.00", ContractType.OTHER, "2014-06-30", "2016-06-30")
                .target("0.06").band("-0.20", "0.50").stockMax("0.85").single(null).trader("trader1")
                .renewal("500000000.00")
                .hold(DISCLOSURE_CODE, "0.50").holdEach("0.05", "601857.SH", "601006.SH"));
        all.add(m("K-2014-012", "C004", "A012", "600000000.00", ContractType.OTHER, "2014-03-31", "2016-03-31")
                .target("0.06").band("-0.20", "0.50").stockMax("0.85").single(null).trader("trader1")
                .renewal("0.00")
                .hold(DISCLOSURE_CODE, "0.45").holdEach("0.05", "600019.SH", "600795.SH"));
        // A013: balanced mandate, a little 中金黄金 too
        all.add(m("K-2014-013", "C012", "A013", "250000000.00", ContractType.NO_GUARANTEE, "2014-05-15", "2015-05-15")
                .target("0.07").band("-0.10", "0.30").stockMax("0.65").trader("trader2").renewal("200000000.00")
                .excludeFlags("ST")
                .hold(DISCLOSURE_CODE, "0.04")
                .holdEach("0.04", "601398.SH", "600036.SH", "600519.SH", "601006.SH", "600104.SH", "601088.SH",
                        "600018.SH", "601628.SH", "600585.SH"));
        // A014: holds 浦发银行 transferred in, which the price file never prices (DATA_QUALITY)
        all.add(m("K-2014-014", "C013", "A014", "30000000.00", ContractType.NO_GUARANTEE, "2014-10-30", "2015-10-30")
                .target("0.08").band("-0.10", "0.30").stockMax("0.70").trader("trader1").renewal("30000000.00")
                .holdFixed(UNPRICED_CODE, 200_000)
                .holdEach("0.05", "601398.SH", "600036.SH", "601006.SH", "600104.SH", "601088.SH", "600585.SH"));
        // A015: the smallest contract, 1千万
        all.add(m("K-2014-015", "C015", "A015", "10000000.00", ContractType.CAPITAL_GUARANTEED, "2014-01-29", "2016-01-29")
                .target("0.045").band("0.00", "0.06").stockMax("0.30").trader("trader2").renewal("10000000.00")
                .holdEach("0.03", RESILIENT));
        all.add(m("K-2014-016", "C016", "A016", "60000000.00", ContractType.TREASURY_FACE_VALUE, "2014-11-30", "2016-11-30")
                .target("0.04").band("0.00", "0.05").stockMax("0.15").trader("trader1").renewal("60000000.00")
                .excludeFlags("ST")
                .holdEach("0.01", RESILIENT));
        all.add(m("K-2014-017", "C001", "A017", "100000000.00", ContractType.CAPITAL_GUARANTEED, "2014-04-29", "2016-04-29")
                .target("0.045").band("0.00", "0.08").stockMax("0.35").trader("trader2").renewal("50000000.00")
                .excludeCodes("600030.SH")
                .holdEach("0.04", RESILIENT));
        all.add(m("K-2014-018", "C005", "A018", "200000000.00", ContractType.TREASURY_FACE_VALUE, "2014-11-30", "2015-11-30")
                .target("0.04").band("0.00", "0.06").stockMax("0.15").trader("trader1").renewal("200000000.00")
                .holdEach("0.01", RESILIENT));
        all.add(m("K-2014-019", "C010", "A019", "45000000.00", ContractType.NO_GUARANTEE, "2014-08-31", "2016-08-31")
                .target("0.10").band("-0.15", "0.40").stockMax("0.75").trader("trader2").renewal("45000000.00")
                .holdEach("0.06", "600115.SH", "000768.SZ", "600703.SH", "002415.SZ", "601989.SH", "600150.SH",
                        "600050.SH", "000725.SZ", "600406.SH", "000063.SZ", "601668.SH"));
        all.add(m("K-2014-020", "C011", "A020", "70000000.00", ContractType.NO_GUARANTEE, "2014-08-31", "2015-08-31")
                .target("0.08").band("-0.10", "0.30").stockMax("0.70").trader("trader1").renewal("70000000.00")
                .draft()
                .holdEach("0.05", "600519.SH", "600600.SH", "600036.SH", "601006.SH", "600009.SH", "601888.SH",
                        "600104.SH", "601398.SH", "600150.SH", "002007.SZ"));
        // PLANNED contracts: start later, no positions yet; bond minimums wait for their fixed-income sleeves
        all.add(m("K-2015-001", "C017", "A021", "150000000.00", ContractType.NO_GUARANTEE, "2015-04-01", "2016-03-31")
                .planned().draft().target("0.08").band("-0.10", "0.30").stockMax("0.60").bondMin("0.20")
                .trader("trader2").renewal("0.00"));
        all.add(m("K-2015-002", "C002", "A022", "300000000.00", ContractType.CAPITAL_GUARANTEED, "2015-07-01", "2016-12-30")
                .planned().draft().target("0.045").band("0.00", "0.08").stockMax("0.20").bondMin("0.50")
                .trader("trader1").renewal("0.00"));
        return all;
    }

    /** The scripted trades, in the order they are done; the replay applies each at its date's close. */
    static List<ScriptedTrade> scriptedTrades() {
        return List.of(
                ScriptedTrade.toWeight("2015-03-10", "A005", "601607.SH", "0.04",
                        "trader1 buys 上海医药, whose issuer the contract excludes"),
                ScriptedTrade.delta("2015-03-18", "A010", DISCLOSURE_CODE, 9_000_000,
                        "designated-security top-up: firm-wide 中金黄金 approaches 5%"),
                ScriptedTrade.toWeight("2015-03-24", "A005", "601607.SH", "0",
                        "the excluded 上海医药 is sold again"),
                ScriptedTrade.delta("2015-04-14", "A009", DISCLOSURE_CODE, 7_000_000,
                        "designated-security top-up: firm-wide 中金黄金 crosses 5%"),
                ScriptedTrade.delta("2015-04-14", "A012", DISCLOSURE_CODE, 7_000_000,
                        "designated-security top-up, same day as A009's"),
                ScriptedTrade.toWeight("2015-04-16", "A004", "600036.SH", "0.112",
                        "trader2 raises 招商银行 above the 10% single-security max"),
                ScriptedTrade.delta("2015-09-17", "A011", DISCLOSURE_CODE, -12_000_000,
                        "A011 trims 中金黄金: firm-wide back under 5%"));
    }

    private static Mandate m(String contract, String client, String account, String amount, ContractType type,
                             String start, String maturity) {
        return new Mandate(contract, client, account, new BigDecimal(amount), type, LocalDate.parse(start),
                LocalDate.parse(maturity));
    }

    /** One contract of the data set and the portfolio of its account at the replay start. */
    static final class Mandate {
        final String code, client, account;
        final BigDecimal amount;
        final ContractType type;
        final LocalDate start, maturity;
        ContractStatus status = ContractStatus.ACTIVE;
        RecordStatus recordStatus = RecordStatus.SEALED;
        BigDecimal target, low, high, renewal;
        final Map<SecurityKind, Bounds> kinds = new EnumMap<>(SecurityKind.class);
        BigDecimal single = new BigDecimal("0.10");
        final Set<String> exCodes = new LinkedHashSet<>(), exIssuers = new LinkedHashSet<>(),
                exFlags = new LinkedHashSet<>();
        String trader;
        final Map<String, BigDecimal> weights = new LinkedHashMap<>();
        final Map<String, Long> fixed = new LinkedHashMap<>();

        Mandate(String code, String client, String account, BigDecimal amount, ContractType type, LocalDate start,
                LocalDate maturity) {
            this.code = code;
            this.client = client;
            this.account = account;
            this.amount = amount;
            this.type = type;
            this.start = start;
            this.maturity = maturity;
        }

        Mandate target(String v) { target = new BigDecimal(v); return this; }
        Mandate band(String lo, String hi) { low = new BigDecimal(lo); high = new BigDecimal(hi); return this; }
        Mandate stockMax(String v) { return kind(SecurityKind.STOCK, null, v); }
        Mandate bondMin(String v) { return kind(SecurityKind.BOND, v, null); }
        Mandate single(String v) { single = v == null ? null : new BigDecimal(v); return this; }
        Mandate trader(String v) { trader = v; return this; }
        Mandate renewal(String v) { renewal = new BigDecimal(v); return this; }
        Mandate planned() { status = ContractStatus.PLANNED; return this; }
        Mandate draft() { recordStatus = RecordStatus.DRAFT; return this; }
        Mandate excludeCodes(String... v) { exCodes.addAll(Arrays.asList(v)); return this; }
        Mandate excludeIssuers(String... v) { exIssuers.addAll(Arrays.asList(v)); return this; }
        Mandate excludeFlags(String... v) { exFlags.addAll(Arrays.asList(v)); return this; }
        Mandate hold(String code, String weight) { weights.put(code, new BigDecimal(weight)); return this; }
        Mandate holdFixed(String code, long quantity) { fixed.put(code, quantity); return this; }

        Mandate holdEach(String weight, String... codes) {
            for (String c : codes) hold(c, weight);
            return this;
        }

        private Mandate kind(SecurityKind kind, String min, String max) {
            Bounds old = kinds.getOrDefault(kind, Bounds.NONE);
            kinds.put(kind, new Bounds(min != null ? new BigDecimal(min) : old.min(),
                    max != null ? new BigDecimal(max) : old.max()));
            return this;
        }

        Contract contract() {
            return new Contract(code, client, account, amount, start, maturity, type, status, target,
                    new ReturnBand(low, high), new Limits(kinds, single, Limits.DEFAULT_WARN_FRACTION),
                    new Exclusions(exCodes, exIssuers, exFlags), renewal, trader, recordStatus);
        }
    }
}
