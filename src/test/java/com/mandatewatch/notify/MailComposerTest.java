package com.mandatewatch.notify;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Pure pieces of the mail text. */
class MailComposerTest {
    @Test
    @DisplayName("A maturity countdown reads as people say it: days left, due today, or days overdue, never a negative count")
    void maturityCountdown() {
        assertEquals("剩余 45 天", MailComposer.daysLeft(new BigDecimal("45")));
        assertEquals("今日到期", MailComposer.daysLeft(BigDecimal.ZERO));
        assertEquals("已逾期 3 天", MailComposer.daysLeft(new BigDecimal("-3")));
    }
}
