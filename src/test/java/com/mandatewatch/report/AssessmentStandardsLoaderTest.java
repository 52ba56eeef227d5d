package com.mandatewatch.report;

import com.mandatewatch.config.ConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** conf/assessment.yaml is validated at start: a bad edit fails naming the key it is about. */
class AssessmentStandardsLoaderTest {
    static String packaged() throws IOException {
        try (InputStream in = AssessmentStandardsLoaderTest.class.getClassLoader().getResourceAsStream("conf/assessment.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("the packaged file loads with exact values: weights 0.7 / 0.3 as written, SLA 24 hours, qualitative 0–100")
    void packagedLoads() {
        AssessmentStandards s = AssessmentStandards.load();
        assertEquals("0.7", s.quantitativeWeight().toPlainString());
        assertEquals("0.3", s.qualitativeWeight().toPlainString());
        assertEquals("1", s.newContractPerTenMillion().toPlainString());
        assertEquals("5", s.lostClient().toPlainString(), "a deduction is held as a positive number");
        assertEquals(Duration.ofHours(24), s.criticalAlertSla());
        assertEquals("100", s.qualitativeMax().toPlainString());
    }

    @ParameterizedTest(name = "{0} -> names {2}")
    @CsvSource(delimiter = '|', value = {
            "not a number          | 'renewal: \"2\"'                 | quantitative.renewal                  | 'renewal: \"两分\"'",
            "negative deduction    | '  lostClient: \"5\"'            | quantitative.lostClient               | '  lostClient: \"-5\"'",
            "weights not 1         | 'qualitative: \"0.3\"'           | weights.quantitative + weights.qualitative | 'qualitative: \"0.31\"'",
            "weight above 1        | 'quantitative: \"0.7\"'          | weights.quantitative                  | 'quantitative: \"1.7\"'",
            "bad SLA               | 'criticalAlertSla: PT24H'        | quantitative.criticalAlertSla         | 'criticalAlertSla: 24h'",
            "zero SLA              | 'criticalAlertSla: PT24H'        | quantitative.criticalAlertSla         | 'criticalAlertSla: PT0S'",
            "SLA over a month      | 'criticalAlertSla: PT24H'        | quantitative.criticalAlertSla         | 'criticalAlertSla: P40D'",
            "zero qualitative max  | 'max: \"100\"'                   | qualitative.max                       | 'max: \"0\"'",
            "unknown key           | 'productItem: \"3\"'             | bonus.productItems                    | 'productItems: \"3\"'",
            "missing key           | '  marketingPlan: \"2\"'         | bonus.marketingPlan                   | '  # none'",
            "unknown section       | 'bonus:'                         | bonuses                               | 'bonuses:'",
            "a list for a value    | 'renewal: \"2\"'                 | quantitative.renewal                  | 'renewal: [\"2\"]'"})
    void badEditNamesItsKey(String what, String original, String key, String replacement) throws IOException {
        String text = packaged();
        assertTrue(text.contains(original), what + ": fixture text not found");
        String broken = text.replaceFirst(java.util.regex.Pattern.quote(original), java.util.regex.Matcher.quoteReplacement(replacement));
        ConfigException e = assertThrows(ConfigException.class, () -> AssessmentStandardsLoader.parse(broken, "conf/assessment.yaml"));
        assertTrue(e.getMessage().contains(key), what + ": " + e.getMessage());
        assertTrue(e.getMessage().startsWith("conf/assessment.yaml: "), e.getMessage());
    }

    @Test
    @DisplayName("0.1 written in the file is the decimal 0.1, not the double 0.1000000000000000055…")
    void exactText() throws IOException {
        AssessmentStandards s = AssessmentStandardsLoader.parse(packaged().replace("renewal: \"2\"", "renewal: 0.1"), "x");
        assertEquals("0.1", s.renewal().toPlainString());
    }
}
