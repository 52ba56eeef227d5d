package com.mandatewatch.feed;

import com.mandatewatch.domain.Security;
import com.mandatewatch.domain.SecurityKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedParserTest {

    static final String TS = "2025-03-03T09:31:00+08:00";
    static final String SECURITY = "{\"type\":\"security\",\"code\":\"600519.SH\",\"name\":\"贵州茅台\",\"kind\":\"STOCK\","
            + "\"issuer\":\"贵州茅台酒股份有限公司\",\"totalShares\":1256197800,\"flags\":[],\"ts\":\"2025-03-03T09:00:00+08:00\"}";
    static final String PRICE = "{\"type\":\"price\",\"code\":\"600519.SH\",\"price\":\"1500.00\",\"ts\":\"" + TS + "\"}";
    static final String POSITION = "{\"type\":\"position\",\"account\":\"A001\",\"code\":\"600519.SH\",\"quantity\":10000,\"ts\":\"" + TS + "\"}";
    static final String CASH = "{\"type\":\"position\",\"account\":\"A001\",\"code\":\"CASH\",\"quantity\":\"2500000.00\",\"ts\":\"" + TS + "\"}";
    static final String RETURN = "{\"type\":\"return\",\"account\":\"A001\",\"cumulativeReturn\":\"0.0523\",\"ts\":\"2025-03-03T15:00:00+08:00\"}";
    static final String CLOCK = "{\"type\":\"clock\",\"ts\":\"2025-03-03T15:00:00+08:00\"}";

    static FeedEvent ok(String line) {
        ParsedLine p = FeedParser.parseLine(7, line);
        assertTrue(p.ok(), () -> "expected accepted, got: " + p.reason() + " for " + line);
        assertEquals(7, p.line());
        assertNull(p.reason());
        return p.event();
    }

    /** Asserts a rejection and that the reason names what is wrong, in both languages. */
    static String bad(String line, String mustContain) {
        ParsedLine p = FeedParser.parseLine(3, line);
        assertFalse(p.ok(), () -> "expected rejected, got: " + p.event() + " for " + line);
        assertEquals(3, p.line());
        assertNull(p.event());
        assertNotNull(p.reason());
        assertTrue(p.reason().contains(" / "), () -> "reason must be 'Chinese / English': " + p.reason());
        assertTrue(p.reason().contains(mustContain), () -> "reason '" + p.reason() + "' should contain " + mustContain);
        return p.reason();
    }

    static String priceLine(String priceJson) {
        return "{\"type\":\"price\",\"code\":\"600519.SH\",\"price\":" + priceJson + ",\"ts\":\"" + TS + "\"}";
    }

    static String withTs(String tsJson) {
        return "{\"type\":\"clock\",\"ts\":" + tsJson + "}";
    }

    // ------------------------------------------------------------------------------------ valid messages

    @Nested
    @DisplayName("valid messages")
    class Valid {
        @Test
        @DisplayName("security: the SPEC §3 example with every field")
        void security() {
            var e = assertInstanceOf(FeedEvent.SecurityUpdate.class, ok(SECURITY));
            Security s = e.security();
            assertEquals("600519.SH", s.code());
            assertEquals("贵州茅台", s.name());
            assertEquals(SecurityKind.STOCK, s.kind());
            assertEquals("贵州茅台酒股份有限公司", s.issuer());
            assertEquals(1256197800L, s.totalShares());
            assertEquals(Set.of(), s.flags());
            assertEquals(OffsetDateTime.of(2025, 3, 3, 9, 0, 0, 0, ZoneOffset.ofHours(8)), e.ts());
            assertNull(e.id());
            assertEquals("S|600519.SH", e.orderingKey());
        }

        @Test
        @DisplayName("security: only the required fields; totalShares defaults to 0, name to the code")
        void securityMinimal() {
            var e = assertInstanceOf(FeedEvent.SecurityUpdate.class,
                    ok("{\"type\":\"security\",\"code\":\"110030.SH\",\"kind\":\"BOND\",\"ts\":\"" + TS + "\"}"));
            assertEquals(0L, e.security().totalShares());
            assertEquals("110030.SH", e.security().name());
            assertEquals("", e.security().issuer());
            assertEquals(Set.of(), e.security().flags());
        }

        @Test
        @DisplayName("security: totalShares as a string, flags, nulls for optional fields")
        void securityStringsAndFlags() {
            var e = assertInstanceOf(FeedEvent.SecurityUpdate.class,
                    ok("{\"type\":\"security\",\"code\":\"600001.SH\",\"kind\":\"STOCK\",\"name\":null,\"issuer\":null,"
                            + "\"totalShares\":\"9000000000\",\"flags\":[\"ST\",\"SUSPENDED\",\"ST\"],\"ts\":\"" + TS + "\"}"));
            assertEquals(9_000_000_000L, e.security().totalShares());
            assertEquals(Set.of("ST", "SUSPENDED"), e.security().flags());
        }

        @Test
        @DisplayName("security: every kind of SecurityKind is accepted")
        void everyKind() {
            for (SecurityKind k : SecurityKind.values()) {
                var e = assertInstanceOf(FeedEvent.SecurityUpdate.class,
                        ok("{\"type\":\"security\",\"code\":\"X1\",\"kind\":\"" + k.name() + "\",\"ts\":\"" + TS + "\"}"));
                assertEquals(k, e.security().kind());
            }
        }

        @Test
        @DisplayName("price: as a string and as a JSON number, scale kept")
        void price() {
            var e = assertInstanceOf(FeedEvent.Price.class, ok(PRICE));
            assertEquals("600519.SH", e.code());
            assertEquals(new BigDecimal("1500.00"), e.price()); // equals() checks scale too
            var n = assertInstanceOf(FeedEvent.Price.class, ok(priceLine("1500.00")));
            assertEquals(new BigDecimal("1500.00"), n.price());
            assertEquals("P|600519.SH", e.orderingKey());
        }

        @ParameterizedTest(name = "price {0} stays exact")
        @ValueSource(strings = {"1500.0000000000000001", "\"1500.0000000000000001\"", "0.1", "\"0.1\"",
                "123456789012345678.123456789012345678"})
        @DisplayName("numbers never go through double")
        void exact(String json) {
            var e = assertInstanceOf(FeedEvent.Price.class, ok(priceLine(json)));
            assertEquals(new BigDecimal(json.replace("\"", "")), e.price());
            assertEquals(json.replace("\"", ""), e.price().toPlainString());
        }

        @Test
        @DisplayName("exponents are read exactly and shown plain")
        void exponents() {
            assertEquals("1500", ((FeedEvent.Price) ok(priceLine("1.5E+3"))).price().toPlainString());
            assertEquals("1500", ((FeedEvent.Price) ok(priceLine("\"1.5e3\""))).price().toPlainString());
            assertEquals(new BigDecimal("0.00015"), ((FeedEvent.Price) ok(priceLine("1.5e-4"))).price());
        }

        @Test
        @DisplayName("position: JSON number, string, decimal and zero (closing) quantities")
        void position() {
            var e = assertInstanceOf(FeedEvent.Position.class, ok(POSITION));
            assertEquals("A001", e.account());
            assertEquals("600519.SH", e.code());
            assertEquals(new BigDecimal("10000"), e.quantity());
            assertEquals("Q|A001|600519.SH", e.orderingKey());
            var cash = assertInstanceOf(FeedEvent.Position.class, ok(CASH));
            assertEquals("CASH", cash.code());
            assertEquals(new BigDecimal("2500000.00"), cash.quantity());
            var zero = (FeedEvent.Position) ok(POSITION.replace("10000", "0"));
            assertEquals(0, zero.quantity().signum());
            var dec = (FeedEvent.Position) ok(POSITION.replace("10000", "\"100.5\""));
            assertEquals(new BigDecimal("100.5"), dec.quantity());
            var negZero = (FeedEvent.Position) ok(POSITION.replace("10000", "-0"));
            assertEquals(0, negZero.quantity().signum());
        }

        @Test
        @DisplayName("position: account codes with _ and -, security codes of both exchanges")
        void codes() {
            var e = (FeedEvent.Position) ok("{\"type\":\"position\",\"account\":\"acc_01-b\",\"code\":\"000001.SZ\","
                    + "\"quantity\":1,\"ts\":\"" + TS + "\"}");
            assertEquals("acc_01-b", e.account());
            assertEquals("000001.SZ", e.code());
        }

        @Test
        @DisplayName("C05: a position in a security the parser has never heard of is valid")
        void unknownReferenceDataIsNotAParseError() {
            var e = (FeedEvent.Position) ok(POSITION.replace("600519.SH", "999999.XX"));
            assertEquals("999999.XX", e.code());
        }

        @Test
        @DisplayName("return: string and number, -1 (total loss) is the lowest allowed")
        void returns() {
            var e = assertInstanceOf(FeedEvent.Return.class, ok(RETURN));
            assertEquals("A001", e.account());
            assertEquals(new BigDecimal("0.0523"), e.cumulativeReturn());
            assertEquals("R|A001", e.orderingKey());
            assertEquals(new BigDecimal("-1"), ((FeedEvent.Return) ok(RETURN.replace("\"0.0523\"", "-1"))).cumulativeReturn());
            assertEquals(new BigDecimal("-0.25"), ((FeedEvent.Return) ok(RETURN.replace("0.0523", "-0.25"))).cumulativeReturn());
            assertEquals(new BigDecimal("3.5"), ((FeedEvent.Return) ok(RETURN.replace("\"0.0523\"", "3.5"))).cumulativeReturn());
        }

        @Test
        @DisplayName("clock: only ts; 'Z' and other offsets keep their offset")
        void clock() {
            var e = assertInstanceOf(FeedEvent.Clock.class, ok(CLOCK));
            assertEquals(OffsetDateTime.parse("2025-03-03T15:00:00+08:00"), e.ts());
            assertNull(e.orderingKey());
            var z = (FeedEvent.Clock) ok(withTs("\"2025-03-03T07:00:00Z\""));
            assertEquals(ZoneOffset.UTC, z.ts().getOffset());
            assertEquals(e.ts().toInstant(), z.ts().toInstant());
            ok(withTs("\"2025-03-03T07:00:00.123456789-05:00\""));
            ok(withTs("\"2025-03-03T07:00+08:00\""));
        }

        @Test
        @DisplayName("id: a string, a number (as its text), 128 chars; unknown fields and whitespace are ignored")
        void idsAndExtras() {
            assertEquals("m-1", ok("{\"type\":\"clock\",\"id\":\"m-1\",\"ts\":\"" + TS + "\"}").id());
            assertEquals("12345", ok("{\"type\":\"clock\",\"id\":12345,\"ts\":\"" + TS + "\"}").id());
            assertNull(ok("{\"type\":\"clock\",\"id\":null,\"ts\":\"" + TS + "\"}").id());
            String id128 = "x".repeat(128);
            assertEquals(id128, ok("{\"type\":\"clock\",\"id\":\"" + id128 + "\",\"ts\":\"" + TS + "\"}").id());
            ok("  {\"type\":\"price\",\"extra\":{\"a\":[1,2,{\"b\":null}]},\"weightPct\":true,\"code\":\"CASH\","
                    + "\"price\":1,\"ts\":\"" + TS + "\"}\t");
        }
    }

    // -------------------------------------------------------------------------------------- rejections

    @Nested
    @DisplayName("rejections")
    class Rejections {
        @Test
        @DisplayName("unknown, missing and non-string type")
        void type() {
            assertTrue(bad("{\"type\":\"foo\",\"ts\":\"" + TS + "\"}", "unknown type").contains("未知类型"));
            bad("{\"type\":\"PRICE\",\"code\":\"X\",\"price\":1,\"ts\":\"" + TS + "\"}", "unknown type");
            bad("{\"type\":\"\",\"ts\":\"" + TS + "\"}", "unknown type");
            bad("{\"ts\":\"" + TS + "\"}", "missing field type");
            bad("{\"type\":null,\"ts\":\"" + TS + "\"}", "missing field type");
            bad("{\"type\":1,\"ts\":\"" + TS + "\"}", "type must be a string");
        }

        @Test
        @DisplayName("ts: missing, not a string, no offset, not ISO-8601")
        void ts() {
            assertTrue(bad("{\"type\":\"clock\"}", "missing field ts").startsWith("缺少字段 ts"));
            bad(withTs("1741000000"), "ts must be a string");
            assertTrue(bad(withTs("\"2025-03-03T09:31:00\""), "ts needs an offset").startsWith("ts 缺少时区"));
            bad(withTs("\"2025-03-03\""), "ts is not a valid");
            bad(withTs("\"2025-03-03 09:31:00+08:00\""), "ts is not a valid");
            bad(withTs("\"2025-03-03T09:31:00+0800x\""), "ts is not a valid");
            bad(withTs("\"2025-03-03T09:31:00+08:00[Asia/Shanghai]\""), "ts is not a valid");
            bad(withTs("\"yesterday\""), "ts is not a valid");
            bad(withTs("\"\""), "ts is not a valid");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"2026-02-30T10:00:00+08:00", "2027-02-29T10:00:00+08:00", "2026-13-01T10:00:00+08:00",
                "2026-04-31T10:00:00+08:00", "2026-04-30T24:00:00+08:00", "2026-04-30T10:60:00+08:00",
                "2026-04-30T23:59:60+08:00", "2026-04-30T10:00:00+19:00", "2026/04/30T10:00:00+08:00"})
        @DisplayName("C40: impossible timestamps are rejected, never rolled over")
        void impossibleTimestamps(String ts) {
            bad(withTs("\"" + ts + "\""), "ts is not a valid");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"0000-06-01T00:00:00+08:00", "0001-01-01T00:00:00Z", "1989-12-31T23:59:59+08:00",
                "2100-01-01T00:00:00+08:00", "9999-12-31T23:59:59+08:00", "+999999999-12-31T23:59:59+08:00",
                "-999999999-01-01T00:00:00+08:00"})
        @DisplayName("a timestamp outside the years 1990–2099 is rejected: PostgreSQL cannot read some back, and a far-future clock would move business time for good")
        void implausibleYears(String ts) {
            String reason = bad(withTs("\"" + ts + "\""), "ts out of range (years 1990–2099)");
            assertTrue(reason.startsWith("ts "), reason);
        }

        @Test
        @DisplayName("C40: 29 February of a leap year is a real date")
        void leapDay() {
            assertEquals(29, ok(withTs("\"2028-02-29T10:00:00+08:00\"")).ts().getDayOfMonth());
        }

        @Test
        @DisplayName("id: empty, blank, too long, boolean, object")
        void id() {
            String pre = "{\"type\":\"clock\",\"ts\":\"" + TS + "\",\"id\":";
            bad(pre + "\"\"}", "id must not be empty");
            bad(pre + "\"  \"}", "id must not be empty");
            bad(pre + "\"" + "x".repeat(129) + "\"}", "id longer than 128");
            bad(pre + "true}", "id must be a string");
            bad(pre + "{}}", "id must be a string");
            bad(pre + "\"a\\u0000b\"}", "id contains control");
        }

        @ParameterizedTest(name = "price {0}")
        @ValueSource(strings = {"\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"abc\"", "\"\"", "\" 1\"", "\"1 \"",
                "\"+1\"", "\"0x10\"", "\"1,000\"", "\"1.\"", "\".5\"", "\"１２\"", "\"1e\""})
        @DisplayName("numbers: strings that are not plain decimal numbers")
        void notANumber(String json) {
            String reason = bad(priceLine(json), "price is not a valid number");
            assertTrue(reason.startsWith("price 不是有效数字"), reason);
        }

        @ParameterizedTest(name = "price {0}")
        @ValueSource(strings = {"true", "false", "{}", "[]", "[1]", "{\"value\":1}"})
        @DisplayName("numbers: booleans, objects, arrays")
        void wrongJsonType(String json) {
            bad(priceLine(json), "price must be a number");
        }

        @ParameterizedTest(name = "price {0}")
        @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "01", "+1", ".5", "0x10"})
        @DisplayName("numbers: bare NaN, Infinity and non-JSON numerals are not JSON at all")
        void bareNonJsonNumbers(String json) {
            bad(priceLine(json), "unparsable JSON");
        }

        @ParameterizedTest(name = "price {0}")
        @ValueSource(strings = {"1e999999999999", "\"1e999999999999\"", "1e-40", "1e40",
                "\"0.0000000000000000000000000000001\""})
        @DisplayName("numbers: absurd magnitudes are out of range instead of blowing up later arithmetic")
        void outOfRange(String json) {
            bad(priceLine(json), "price out of range");
        }

        @ParameterizedTest(name = "price {0}")
        @ValueSource(strings = {"0", "\"0\"", "\"0.00\"", "-1", "\"-0.01\"", "-1500.00", "0e10", "-0"})
        @DisplayName("price must be > 0")
        void nonPositivePrice(String json) {
            assertEquals("price 必须大于 0 / price must be > 0", bad(priceLine(json), "price must be > 0"));
        }

        @Test
        @DisplayName("quantity must be >= 0 except for CASH, which may be overdrawn (C09b); cumulativeReturn must be >= -1")
        void ranges() {
            bad(POSITION.replace("10000", "-1"), "quantity must be >= 0 (except CASH)");
            bad(POSITION.replace("10000", "\"-0.0001\""), "quantity must be >= 0");
            assertEquals(new BigDecimal("-50000.00"),
                    ((FeedEvent.Position) ok(CASH.replace("\"2500000.00\"", "\"-50000.00\""))).quantity());
            bad(RETURN.replace("0.0523", "-1.0001"), "cumulativeReturn must be >= -1");
            bad(RETURN.replace("\"0.0523\"", "-2"), "cumulativeReturn must be >= -1");
        }

        @Test
        @DisplayName("missing required fields, per type (null counts as missing)")
        void missingFields() {
            bad("{\"type\":\"price\",\"price\":1,\"ts\":\"" + TS + "\"}", "missing field code");
            bad("{\"type\":\"price\",\"code\":\"X\",\"ts\":\"" + TS + "\"}", "missing field price");
            bad("{\"type\":\"price\",\"code\":\"X\",\"price\":null,\"ts\":\"" + TS + "\"}", "missing field price");
            assertTrue(bad("{\"type\":\"position\",\"code\":\"X\",\"quantity\":1,\"ts\":\"" + TS + "\"}",
                    "missing field account").equals("缺少字段 account / missing field account"));
            bad("{\"type\":\"position\",\"account\":\"A\",\"quantity\":1,\"ts\":\"" + TS + "\"}", "missing field code");
            bad("{\"type\":\"position\",\"account\":\"A\",\"code\":\"X\",\"ts\":\"" + TS + "\"}", "missing field quantity");
            bad("{\"type\":\"return\",\"cumulativeReturn\":0,\"ts\":\"" + TS + "\"}", "missing field account");
            bad("{\"type\":\"return\",\"account\":\"A\",\"ts\":\"" + TS + "\"}", "missing field cumulativeReturn");
            bad("{\"type\":\"security\",\"kind\":\"STOCK\",\"ts\":\"" + TS + "\"}", "missing field code");
            bad("{\"type\":\"security\",\"code\":\"X\",\"ts\":\"" + TS + "\"}", "missing field kind");
            bad("{\"type\":\"security\",\"code\":\"X\",\"kind\":null,\"ts\":\"" + TS + "\"}", "missing field kind");
            bad("{\"type\":\"position\",\"account\":\"A\",\"code\":\"X\",\"quantity\":1}", "missing field ts");
        }

        @Test
        @DisplayName("security and account code formats")
        void codeFormats() {
            bad(priceLine("1").replace("600519.SH", "600519 SH"), "code must match");
            bad(priceLine("1").replace("600519.SH", ""), "code must match");
            bad(priceLine("1").replace("600519.SH", "A".repeat(33)), "code must match");
            bad(priceLine("1").replace("600519.SH", "600519_SH"), "code must match");
            bad(priceLine("1").replace("600519.SH", "６００５１９.SH"), "code must match");
            bad(priceLine("1").replace("\"600519.SH\"", "600519"), "code must be a string");
            ok(priceLine("1").replace("600519.SH", "A".repeat(32)));
            bad(POSITION.replace("A001", "A 001"), "account must match");
            bad(POSITION.replace("A001", "A.001"), "account must match");
            bad(POSITION.replace("A001", "a".repeat(65)), "account must match");
            bad(POSITION.replace("\"A001\"", "1001"), "account must be a string");
            ok(POSITION.replace("A001", "a".repeat(64)));
        }

        @Test
        @DisplayName("security: bad kind, totalShares, flags, name, issuer")
        void securityFields() {
            String base = "{\"type\":\"security\",\"code\":\"X1\",\"ts\":\"" + TS + "\",";
            bad(base + "\"kind\":\"stock\"}", "kind must be one of STOCK|BOND|FUND|REPO|CASH|OTHER");
            bad(base + "\"kind\":\"WARRANT\"}", "kind must be one of");
            bad(base + "\"kind\":1}", "kind must be a string");
            bad(base + "\"kind\":\"STOCK\",\"totalShares\":1.5}", "totalShares must be an integer");
            bad(base + "\"kind\":\"STOCK\",\"totalShares\":\"100.01\"}", "totalShares must be an integer");
            bad(base + "\"kind\":\"STOCK\",\"totalShares\":-1}", "totalShares must be > 0");
            // 0 would end an open disclosure silently (the stake could no longer be measured): unknown is left out
            bad(base + "\"kind\":\"STOCK\",\"totalShares\":0}", "totalShares must be > 0; leave it out when unknown");
            bad(base + "\"kind\":\"STOCK\",\"totalShares\":\"99999999999999999999\"}", "totalShares out of range");
            bad(base + "\"kind\":\"STOCK\",\"totalShares\":\"abc\"}", "totalShares is not a valid number");
            bad(base + "\"kind\":\"STOCK\",\"totalShares\":true}", "totalShares must be a number");
            bad(base + "\"kind\":\"STOCK\",\"flags\":\"ST\"}", "flags must be an array of strings");
            bad(base + "\"kind\":\"STOCK\",\"flags\":[\"ST\",1]}", "flags must be an array of strings");
            bad(base + "\"kind\":\"STOCK\",\"flags\":[null]}", "flags must be an array of strings");
            bad(base + "\"kind\":\"STOCK\",\"flags\":[\"\"]}", "flags must be an array of strings");
            bad(base + "\"kind\":\"STOCK\",\"name\":1}", "name must be a string");
            bad(base + "\"kind\":\"STOCK\",\"issuer\":{}}", "issuer must be a string");
            bad(base + "\"kind\":\"STOCK\",\"name\":\"a\\u0000b\"}", "name contains control");
            bad(base + "\"kind\":\"STOCK\",\"issuer\":\"\\ud800\"}", "issuer contains control");
            // an integral value written with zeros after the point is still an integer
            var e = (FeedEvent.SecurityUpdate) ok(base + "\"kind\":\"STOCK\",\"totalShares\":\"1000.00\"}");
            assertEquals(1000L, e.security().totalShares());
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{\"weightPct\": 10.5,", "not json", "{", "}", "{\"type\":\"clock\",\"ts\":\"" + TS + "\"",
                "{'type':'clock'}", "{\"type\":\"clock\",\"ts\":\"" + TS + "\"} x", "{\"type\":\"clock\" // c\n}",
                "{type:\"clock\"}", "\"clock\"", "42", "null", "{\"a\":1,}"})
        @DisplayName("unparsable lines")
        void unparsable(String line) {
            ParsedLine p = FeedParser.parseLine(1, line);
            assertFalse(p.ok());
            assertTrue(p.reason().contains("unparsable JSON") || p.reason().contains("must be a JSON object"), p.reason());
        }

        @Test
        @DisplayName("not an object, or more than one object, on a line")
        void notOneObject() {
            bad("[{\"type\":\"clock\",\"ts\":\"" + TS + "\"}]", "message must be a JSON object");
            bad(CLOCK + CLOCK, "trailing content");
            bad(CLOCK + " " + CLOCK, "trailing content");
        }

        @Test
        @DisplayName("duplicate keys, top level and nested, also when spelt with escapes")
        void duplicateKeys() {
            assertTrue(bad("{\"type\":\"price\",\"code\":\"X\",\"price\":1,\"price\":-1,\"ts\":\"" + TS + "\"}",
                    "duplicate field \"price\"").startsWith("重复字段"));
            bad("{\"type\":\"clock\",\"type\":\"clock\",\"ts\":\"" + TS + "\"}", "duplicate field \"type\"");
            bad("{\"type\":\"clock\",\"typ\\u0065\":\"price\",\"ts\":\"" + TS + "\"}", "duplicate field \"type\"");
            bad("{\"type\":\"clock\",\"x\":{\"a\":1,\"a\":2},\"ts\":\"" + TS + "\"}", "duplicate field \"a\"");
        }

        @Test
        @DisplayName("a line over MAX_LINE_CHARS is rejected without parsing; one at the limit is parsed")
        void oversized() {
            String atLimit = CLOCK + " ".repeat(FeedParser.MAX_LINE_CHARS - CLOCK.length());
            assertEquals(FeedParser.MAX_LINE_CHARS, atLimit.length());
            ok(atLimit);
            bad(atLimit + " ", "line too long");
            bad("{" + "x".repeat(10 * FeedParser.MAX_LINE_CHARS), "line too long");
        }

        @Test
        @DisplayName("deep nesting is rejected, not a stack overflow")
        void deepNesting() {
            String deep = "[".repeat(30000) + "]".repeat(30000);
            bad("{\"type\":\"clock\",\"ts\":\"" + TS + "\",\"x\":" + deep + "}", "nested too deeply");
        }

        @Test
        @DisplayName("null and blank single lines are rejected")
        void emptyLine() {
            bad(null, "empty line");
            bad("", "empty line");
            bad("  \t", "empty line");
            bad("\uFEFF", "empty line");
        }

        @Test
        @DisplayName("the unknown type in a reason is cut short and made printable")
        void echoIsBounded() {
            String reason = bad("{\"type\":\"" + "\\n".repeat(10) + "y".repeat(500) + "\",\"ts\":\"" + TS + "\"}",
                    "unknown type");
            assertTrue(reason.length() < 140, reason);
            assertFalse(reason.contains("\n"), reason);
        }
    }

    // ------------------------------------------------------------------------------------------ batches

    @Nested
    @DisplayName("batches")
    class Batches {
        @Test
        @DisplayName("C02: three poison lines between two valid ones; the breach after them survives")
        void c02PoisonPill() {
            String body = String.join("\n",
                    POSITION,
                    "{\"weightPct\": 10.5,",
                    "{\"type\":\"position\",\"account\":\"A001\",\"code\":\"600519.SH\",\"quantity\":\"abc\",\"ts\":\"" + TS + "\"}",
                    "{\"type\":\"position\",\"code\":\"600519.SH\",\"quantity\":12000,\"ts\":\"" + TS + "\"}",
                    "{\"type\":\"position\",\"account\":\"A001\",\"code\":\"600519.SH\",\"quantity\":12000,\"ts\":\"2025-03-03T09:32:00+08:00\"}");
            List<ParsedLine> out = FeedParser.parseBatch(body);
            assertEquals(5, out.size());
            assertEquals(List.of(1, 2, 3, 4, 5), out.stream().map(ParsedLine::line).toList());
            assertEquals(List.of(true, false, false, false, true), out.stream().map(ParsedLine::ok).toList());
            assertTrue(out.get(1).reason().contains("unparsable JSON"), out.get(1).reason());
            assertTrue(out.get(2).reason().contains("quantity is not a valid number"), out.get(2).reason());
            assertTrue(out.get(3).reason().contains("missing field account"), out.get(3).reason());
            var breach = (FeedEvent.Position) out.get(4).event();
            assertEquals(new BigDecimal("12000"), breach.quantity());
            assertEquals("A001", breach.account());
        }

        @Test
        @DisplayName("CRLF, a leading BOM and blank lines: blank lines give no result but keep line numbers true")
        void crlfBomBlank() {
            String body = "\uFEFF" + PRICE + "\r\n\r\n   \r\n" + CASH + "\r\n{bad\r\n\t\n" + RETURN + "\r\n";
            List<ParsedLine> out = FeedParser.parseBatch(body);
            assertEquals(List.of(1, 4, 5, 7), out.stream().map(ParsedLine::line).toList());
            assertEquals(List.of(true, true, false, true), out.stream().map(ParsedLine::ok).toList());
            assertEquals(new BigDecimal("0.0523"), ((FeedEvent.Return) out.get(3).event()).cumulativeReturn());
        }

        @Test
        @DisplayName("every SPEC §3 example in one body, no trailing newline")
        void allTypes() {
            List<ParsedLine> out = FeedParser.parseBatch(String.join("\n", SECURITY, PRICE, POSITION, CASH, RETURN, CLOCK));
            assertEquals(6, out.size());
            assertTrue(out.stream().allMatch(ParsedLine::ok));
            assertInstanceOf(FeedEvent.SecurityUpdate.class, out.get(0).event());
            assertInstanceOf(FeedEvent.Clock.class, out.get(5).event());
        }

        @Test
        @DisplayName("an oversized line is rejected on its own; its neighbours parse")
        void oversizedInBatch() {
            String huge = "{\"type\":\"clock\",\"pad\":\"" + "x".repeat(FeedParser.MAX_LINE_CHARS) + "\",\"ts\":\"" + TS + "\"}";
            List<ParsedLine> out = FeedParser.parseBatch(PRICE + "\n" + huge + "\n" + CLOCK);
            assertEquals(List.of(true, false, true), out.stream().map(ParsedLine::ok).toList());
            assertTrue(out.get(1).reason().contains("line too long"));
            assertEquals(3, out.get(2).line());
        }

        @Test
        @DisplayName("a line of exactly MAX_LINE_CHARS followed by CRLF is not too long")
        void limitWithCr() {
            String atLimit = CLOCK + " ".repeat(FeedParser.MAX_LINE_CHARS - CLOCK.length());
            List<ParsedLine> out = FeedParser.parseBatch(atLimit + "\r\n" + CLOCK);
            assertEquals(List.of(true, true), out.stream().map(ParsedLine::ok).toList());
        }

        @Test
        @DisplayName("empty, blank-only and null bodies give no results")
        void empty() {
            assertEquals(List.of(), FeedParser.parseBatch(""));
            assertEquals(List.of(), FeedParser.parseBatch("\uFEFF"));
            assertEquals(List.of(), FeedParser.parseBatch("\n\r\n  \n"));
            assertEquals(List.of(), FeedParser.parseBatch(null));
        }

        @Test
        @DisplayName("a BOM at the start of a later line (concatenated files) is tolerated like the leading one")
        void bomOnLaterLine() {
            List<ParsedLine> out = FeedParser.parseBatch(CLOCK + "\n\uFEFF" + CLOCK);
            // parseLine strips a leading BOM of a single message (e.g. a Kafka record), so both lines parse
            assertEquals(List.of(true, true), out.stream().map(ParsedLine::ok).toList());
        }
    }

    // ------------------------------------------------------------------------------------- robustness

    @Test
    @DisplayName("C02: never throws — every prefix and random mutation of valid lines is a result, never an exception")
    void neverThrows() {
        Random rnd = new Random(42);
        String alphabet = "{}[]\",:0123456789.-+eE tnrufalsNIy\\u\uFEFF\r\n中";
        int results = 0;
        for (String valid : List.of(SECURITY, PRICE, POSITION, CASH, RETURN, CLOCK)) {
            for (int i = 0; i <= valid.length(); i++) {
                check(FeedParser.parseLine(i, valid.substring(0, i)));
                results++;
            }
            for (int k = 0; k < 2000; k++) {
                StringBuilder b = new StringBuilder(valid);
                for (int m = 1 + rnd.nextInt(3); m > 0; m--) {
                    int at = rnd.nextInt(b.length());
                    char c = alphabet.charAt(rnd.nextInt(alphabet.length()));
                    switch (rnd.nextInt(3)) {
                        case 0 -> b.setCharAt(at, c);
                        case 1 -> b.insert(at, c);
                        default -> b.deleteCharAt(at);
                    }
                }
                for (ParsedLine p : FeedParser.parseBatch(b.toString())) {
                    check(p);
                    results++;
                }
            }
        }
        assertTrue(results > 10000);
    }

    private static void check(ParsedLine p) {
        assertNotNull(p);
        assertTrue(p.ok() ? p.event() != null && p.reason() == null : p.event() == null && p.reason() != null);
        if (!p.ok()) {
            assertFalse(p.reason().contains("internal parser error"), p.reason());
        }
    }

    @Test
    @DisplayName("ParsedLine holds exactly one of event and reason")
    void parsedLineInvariant() {
        var clock = new FeedEvent.Clock(null, OffsetDateTime.parse(TS));
        assertThrows(IllegalArgumentException.class, () -> new ParsedLine(1, null, null));
        assertThrows(IllegalArgumentException.class, () -> new ParsedLine(1, clock, "x"));
        assertTrue(ParsedLine.accepted(1, clock).ok());
        assertFalse(ParsedLine.rejected(1, "x").ok());
    }
}
