package com.mandatewatch.report;

import com.mandatewatch.config.ConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.*;

/** conf/classification.yaml is validated at start: a bad edit fails naming the key it is about. */
class ClassSchemeLoaderTest {
    static String packaged() throws IOException {
        try (InputStream in = ClassSchemeLoaderTest.class.getClassLoader().getResourceAsStream("conf/classification.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("the packaged file loads, with exact thresholds (0.08 is the decimal 0.08, not a double)")
    void packagedLoads() {
        ClassScheme s = ClassScheme.load();
        assertEquals("0.08", s.returnMin().get(Grade.A).toPlainString());
        assertEquals("500000000", s.sizeMin().get(Grade.A).toPlainString());
    }

    @ParameterizedTest(name = "{0} -> names {2}")
    @CsvSource(delimiter = '|', value = {
            "bad size min        | 'min: \"100000000\"'        | size.classes.B.min    | 'min: \"1亿\"'",
            "B above A           | 'min: \"100000000\"'        | size.classes.B.min    | 'min: \"900000000\"'",
            "unknown key         | 'min: \"0.04\", label'      | return.classes.B.mni  | 'mni: \"0.04\", label'",
            "bad colour          | 'label: \"B 类：保本\", colour: \"#FFE699\"' | contractType.classes.B.colour | 'label: \"B 类：保本\", colour: \"yellow\"'",
            "nature twice        | 'nature: STATE_OWNED'       | nature.classes.B.nature | 'nature: LISTED_COMPANY'",
            "unknown nature      | 'nature: PRIVATE'           | nature.classes.C.nature | 'nature: PRIVAT'",
            "unknown dimension   | 'contractType:'             | contractTyp           | 'contractTyp:'"})
    void badEditNamesItsKey(String what, String original, String key, String replacement) throws IOException {
        String text = packaged();
        assertTrue(text.contains(original), what + ": fixture text not found");
        String broken = text.replaceFirst(java.util.regex.Pattern.quote(original), java.util.regex.Matcher.quoteReplacement(replacement));
        ConfigException e = assertThrows(ConfigException.class, () -> ClassSchemeLoader.parse(broken, "conf/classification.yaml"));
        assertTrue(e.getMessage().contains(key), what + ": " + e.getMessage());
    }

    @Test
    @DisplayName("a missing class and a min on D are refused")
    void missingClassAndMinOnD() throws IOException {
        String noD = packaged().replace("    D: {label: \"D 类：< 0\", colour: \"#DDEBF7\"}\n", "");
        ConfigException e = assertThrows(ConfigException.class, () -> ClassSchemeLoader.parse(noD, "x"));
        assertTrue(e.getMessage().contains("return.classes.D"), e.getMessage());
        String minOnD = packaged().replace("D: {label: \"D 类：< 0\"", "D: {min: \"-1\", label: \"D 类：< 0\"");
        e = assertThrows(ConfigException.class, () -> ClassSchemeLoader.parse(minOnD, "x"));
        assertTrue(e.getMessage().contains("return.classes.D.min"), e.getMessage());
    }
}
