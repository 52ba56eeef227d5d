package com.mandatewatch.alerts;

import com.mandatewatch.domain.Rule;
import com.mandatewatch.rules.MaturityRule;

/**
 * What ends an alert of each rule, in words. A resolved alert keeps the reading it last fired on, but no longer as
 * its headline, and without an overdue contract's "尚未续约、终止或清算": beside 已解除 it would contradict itself.
 */
final class Resolution {
    private Resolution() {
    }

    static String zh(Alert a) {
        String why = switch (a.rule()) {
            case MATURITY -> "合同已续约、终止或清算";
            case RETURN_BAND -> "累计收益率已回到约定区间内";
            case HOLDING_RATIO -> "持仓比例已回到限额以内";
            case EXCLUDED_SECURITY -> "已不再持有该禁投证券，或禁投名单已调整";
            case DISCLOSURE -> "已提交披露，或合计持股已回落到预警线以下";
            case DATA_QUALITY -> "数据已恢复正常";
        };
        return "已解除：" + why + "。最后一次预警：" + a.message().replace(MaturityRule.OUTSTANDING_ZH, "");
    }

    static String en(Alert a) {
        String why = switch (a.rule()) {
            case MATURITY -> "the contract was renewed, terminated or settled";
            case RETURN_BAND -> "the cumulative return is back within its band";
            case HOLDING_RATIO -> "the weight is back within its limit";
            case EXCLUDED_SECURITY -> "the excluded security is no longer held, or the exclusion list changed";
            case DISCLOSURE -> "the disclosure was filed, or the firm's stake fell below the warning level";
            case DATA_QUALITY -> "the data is back to normal";
        };
        String last = a.messageEn() == null ? a.message() : a.messageEn();
        return "Resolved: " + why + ". Last reading: " + last.replace(MaturityRule.OUTSTANDING_EN, "");
    }
}
