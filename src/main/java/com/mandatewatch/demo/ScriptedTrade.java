package com.mandatewatch.demo;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One trade of the demo script, done at the day's close: either a change of {@code deltaShares} (negative sells)
 * or a new holding of {@code targetWeight} of the account's NAV at that close, in whole lots of 100 shares
 * ({@code 0} sells everything). Cash pays for it at the close price.
 */
record ScriptedTrade(LocalDate date, String account, String code, Long deltaShares, BigDecimal targetWeight,
                     String why) {
    ScriptedTrade {
        if ((deltaShares == null) == (targetWeight == null)) {
            throw new IllegalArgumentException("exactly one of deltaShares and targetWeight");
        }
    }

    static ScriptedTrade delta(String date, String account, String code, long shares, String why) {
        return new ScriptedTrade(LocalDate.parse(date), account, code, shares, null, why);
    }

    static ScriptedTrade toWeight(String date, String account, String code, String weight, String why) {
        return new ScriptedTrade(LocalDate.parse(date), account, code, null, new BigDecimal(weight), why);
    }
}
