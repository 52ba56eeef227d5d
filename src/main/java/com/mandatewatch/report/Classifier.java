package com.mandatewatch.report;

import com.mandatewatch.domain.Client;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.domain.ContractStatus;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Classifies a client in the four dimensions of SPEC §2 from its contracts and the latest cumulative return of their
 * accounts. Pure: no I/O, no clock. Exact decimals throughout; the return is compared by cross-multiplication
 * (Σ amount·return ≥ min·Σ amount), so no division ever rounds a client across a boundary.
 *
 * <p>Decisions where the SPEC is silent:
 * <ul>
 * <li><b>size</b> counts the client's ACTIVE and MATURED contracts: money that is entrusted now (a MATURED contract is
 * not paid back yet). PLANNED money has not arrived; RENEWED, TERMINATED and SETTLED money has left or lives on in the
 * successor contract, which is counted itself. A client with none of these is size D (0 &lt; 3千万).</li>
 * <li><b>contractType</b> is the type of the largest of those same contracts (ties: earlier start, then code);
 * no such contract → no class (null).</li>
 * <li><b>return</b> is cumulative over all contracts that have started (everything but PLANNED), each weighted by its
 * amount and valued at the latest cumulative return of its account; contracts whose account has no return yet are
 * left out; none left → no class (null).</li>
 * </ul>
 */
public final class Classifier {
    private static final Comparator<Contract> LARGEST_FIRST = Comparator.comparing(Contract::amount).reversed()
            .thenComparing(Contract::startDate).thenComparing(Contract::code);

    private final ClassScheme scheme;

    public Classifier(ClassScheme scheme) {
        this.scheme = scheme;
    }

    /** {@code contracts} are the client's own; {@code returnByAccount} the latest cumulative return per account. */
    public ClientClasses classify(Client client, List<Contract> contracts, Map<String, BigDecimal> returnByAccount) {
        return new ClientClasses(size(entrusted(contracts)), scheme.nature().get(client.nature()),
                contractType(contracts), ret(contracts, returnByAccount));
    }

    /** Whether a contract's money counts as entrusted now (size and contract type). */
    public static boolean counted(Contract k) {
        return k.status() == ContractStatus.ACTIVE || k.status() == ContractStatus.MATURED;
    }

    /** Total entrusted amount of the counted contracts. */
    public static BigDecimal entrusted(List<Contract> contracts) {
        return contracts.stream().filter(Classifier::counted).map(Contract::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public Grade size(BigDecimal total) {
        return byThreshold(scheme.sizeMin(), min -> total.compareTo(min) >= 0);
    }

    public Grade contractType(List<Contract> contracts) {
        Optional<Contract> largest = contracts.stream().filter(Classifier::counted).min(LARGEST_FIRST);
        return largest.map(k -> scheme.contractType().get(k.type())).orElse(null);
    }

    public Grade ret(List<Contract> contracts, Map<String, BigDecimal> returnByAccount) {
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weight = BigDecimal.ZERO;
        for (Contract k : contracts) {
            BigDecimal r = returnByAccount.get(k.account());
            if (k.status() == ContractStatus.PLANNED || r == null) continue;
            weighted = weighted.add(k.amount().multiply(r));
            weight = weight.add(k.amount());
        }
        return returnGrade(weighted, weight);
    }

    /** The class of the weighted return Σ(amount·return) / Σ amount, without dividing; null when Σ amount is 0. */
    public Grade returnGrade(BigDecimal weightedSum, BigDecimal totalWeight) {
        if (totalWeight.signum() == 0) return null;
        return byThreshold(scheme.returnMin(), min -> weightedSum.compareTo(min.multiply(totalWeight)) >= 0);
    }

    private static Grade byThreshold(Map<Grade, BigDecimal> min, java.util.function.Predicate<BigDecimal> reaches) {
        for (Grade g : List.of(Grade.A, Grade.B, Grade.C)) {
            if (reaches.test(min.get(g))) return g;
        }
        return Grade.D;
    }
}
