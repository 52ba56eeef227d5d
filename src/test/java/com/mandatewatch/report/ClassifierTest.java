package com.mandatewatch.report;

import com.mandatewatch.domain.ClientNature;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;
import com.mandatewatch.domain.ContractType;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static com.mandatewatch.report.ReportFixtures.*;
import static org.junit.jupiter.api.Assertions.*;

/** SPEC §2 classification against the packaged conf/classification.yaml, at every boundary. */
class ClassifierTest {
    static final Classifier CLASSIFIER = new Classifier(ClassScheme.load());

    @ParameterizedTest(name = "size: total {0} yuan -> {1}")
    @CsvSource({
            "1000000000.00, A",
            "500000000.00, A",     // exactly 5亿: lower bound inclusive
            "499999999.99, B",
            "100000000.00, B",     // exactly 1亿
            "99999999.99, C",
            "30000000.00, C",      // exactly 3千万
            "29999999.99, D",
            "0, D"})
    void sizeBoundaries(String total, Grade expected) {
        assertEquals(expected, CLASSIFIER.size(d(total)));
    }

    @ParameterizedTest(name = "return: cumulative {0} -> {1}")
    @CsvSource({
            "0.5, A",
            "0.08, A",             // exactly 8%
            "0.0799999999, B",
            "0.04, B",             // exactly 4%
            "0.03999999, C",
            "0, C",                // exactly 0: C (0%–4%, lower bound inclusive)
            "-0.00000001, D",      // the smallest loss is D
            "-0.25, D"})
    void returnBoundaries(String ret, Grade expected) {
        Contract k = contract("K1", "A1", "100000000.00", ContractType.NO_GUARANTEE, ContractStatus.ACTIVE);
        assertEquals(expected, CLASSIFIER.ret(List.of(k), Map.of("A1", d(ret))));
    }

    @ParameterizedTest(name = "nature {0} -> {1}")
    @CsvSource({"LISTED_COMPANY, A", "STATE_OWNED, B", "PRIVATE, C", "OTHER, D"})
    void nature(ClientNature nature, Grade expected) {
        assertEquals(expected, CLASSIFIER.classify(client(nature), List.of(), Map.of()).nature());
    }

    @ParameterizedTest(name = "contract type {0} -> {1}")
    @CsvSource({"NO_GUARANTEE, A", "CAPITAL_GUARANTEED, B", "TREASURY_FACE_VALUE, C", "OTHER, D"})
    void contractType(ContractType type, Grade expected) {
        assertEquals(expected, CLASSIFIER.contractType(List.of(contract("K1", "A1", "1.00", type, ContractStatus.ACTIVE))));
    }

    @Test
    @DisplayName("size counts ACTIVE and MATURED contracts only: 4亿 ACTIVE + 1亿 MATURED = 5亿 is A; PLANNED, RENEWED, SETTLED, TERMINATED add nothing")
    void sizeCountsEntrustedMoneyOnly() {
        List<Contract> ks = List.of(
                contract("K1", "A1", "400000000.00", ContractType.OTHER, ContractStatus.ACTIVE),
                contract("K2", "A2", "100000000.00", ContractType.OTHER, ContractStatus.MATURED),
                contract("K3", "A3", "900000000.00", ContractType.OTHER, ContractStatus.PLANNED),
                contract("K4", "A4", "900000000.00", ContractType.OTHER, ContractStatus.RENEWED),
                contract("K5", "A5", "900000000.00", ContractType.OTHER, ContractStatus.SETTLED),
                contract("K6", "A6", "900000000.00", ContractType.OTHER, ContractStatus.TERMINATED));
        assertEquals(d("500000000.00"), Classifier.entrusted(ks));
        assertEquals(Grade.A, CLASSIFIER.classify(client(ClientNature.OTHER), ks, Map.of()).size());
        assertEquals(Grade.B, CLASSIFIER.classify(client(ClientNature.OTHER), ks.subList(1, 6), Map.of()).size(),
                "without K1 only the 1亿 MATURED contract counts");
    }

    @Test
    @DisplayName("contract type is the type of the largest ACTIVE/MATURED contract; a larger PLANNED or SETTLED one does not decide it; ties go to the earlier start")
    void contractTypeOfLargestCountedContract() {
        List<Contract> ks = List.of(
                contract("K1", "A1", "50000000.00", ContractType.NO_GUARANTEE, ContractStatus.ACTIVE),
                contract("K2", "A2", "80000000.00", ContractType.TREASURY_FACE_VALUE, ContractStatus.ACTIVE),
                contract("K3", "A3", "900000000.00", ContractType.OTHER, ContractStatus.PLANNED),
                contract("K4", "A4", "900000000.00", ContractType.OTHER, ContractStatus.SETTLED));
        assertEquals(Grade.C, CLASSIFIER.contractType(ks));
        List<Contract> tie = List.of(
                contract("K9", "A1", "80000000.00", "2025-03-01", "2026-03-01", ContractType.NO_GUARANTEE, ContractStatus.ACTIVE, null),
                contract("K8", "A2", "80000000.00", "2025-02-01", "2026-02-01", ContractType.CAPITAL_GUARANTEED, ContractStatus.ACTIVE, null));
        assertEquals(Grade.B, CLASSIFIER.contractType(tie), "same amount: the earlier start (K8, 保本) decides");
    }

    @Test
    @DisplayName("no counted contract: size D, contract type null; no return reported: return null")
    void undecidedDimensionsAreNull() {
        ClientClasses c = CLASSIFIER.classify(client(ClientNature.LISTED_COMPANY), List.of(), Map.of());
        assertEquals(new ClientClasses(Grade.D, Grade.A, null, null), c);
        assertTrue(c.toJson().containsKey("return"));
        assertNull(c.toJson().getValue("return"));
        assertEquals("{\"size\":\"D\",\"nature\":\"A\",\"contractType\":null,\"return\":null}", c.toJson().encode());
        // a contract whose account has no return yet is left out; a PLANNED one never has a return of its own
        Contract planned = contract("K1", "A1", "100.00", ContractType.OTHER, ContractStatus.PLANNED);
        Contract noReturn = contract("K2", "A2", "100.00", ContractType.OTHER, ContractStatus.ACTIVE);
        assertNull(CLASSIFIER.ret(List.of(planned, noReturn), Map.of("A1", d("0.10"))));
    }

    @Test
    @DisplayName("overall return is weighted by contract amount over all started contracts, exactly at the boundary: 3亿 at 10% + 1亿 at -10% = 5% (B), 1亿 at 12% + 1亿 at 4% = 8% (A)")
    void weightedReturn() {
        List<Contract> ks = List.of(
                contract("K1", "A1", "300000000.00", ContractType.OTHER, ContractStatus.ACTIVE),
                contract("K2", "A2", "100000000.00", ContractType.OTHER, ContractStatus.SETTLED));
        assertEquals(Grade.B, CLASSIFIER.ret(ks, Map.of("A1", d("0.10"), "A2", d("-0.10"))));
        List<Contract> even = List.of(
                contract("K1", "A1", "100000000.00", ContractType.OTHER, ContractStatus.ACTIVE),
                contract("K2", "A2", "100000000.00", ContractType.OTHER, ContractStatus.RENEWED));
        assertEquals(Grade.A, CLASSIFIER.ret(even, Map.of("A1", d("0.12"), "A2", d("0.04"))), "exactly 8% is A");
        assertEquals(Grade.B, CLASSIFIER.ret(even, Map.of("A1", d("0.12"), "A2", d("0.03999999"))));
        // thirds: 1/3 weights would not divide exactly; cross-multiplication still decides 4% exactly
        List<Contract> thirds = List.of(
                contract("K1", "A1", "100.00", ContractType.OTHER, ContractStatus.ACTIVE),
                contract("K2", "A2", "200.00", ContractType.OTHER, ContractStatus.ACTIVE));
        assertEquals(Grade.B, CLASSIFIER.ret(thirds, Map.of("A1", d("0.06"), "A2", d("0.03"))), "(6 + 6) / 300 = 4% exactly");
        assertEquals(Grade.C, CLASSIFIER.ret(thirds, Map.of("A1", d("0.06"), "A2", d("0.02999999"))));
    }

    @ParameterizedTest
    @EnumSource(Dimension.class)
    @DisplayName("every class of every dimension has a label and a colour")
    void stylesComplete(Dimension d) {
        ClassScheme s = ClassScheme.load();
        for (Grade g : Grade.values()) {
            assertFalse(s.style(d, g).label().isBlank());
            assertTrue(s.style(d, g).colour().matches("#[0-9A-Fa-f]{6}"));
        }
        assertNotNull(s.dimensionLabels().get(d));
    }
}
