package com.mandatewatch.api;

import com.mandatewatch.api.ClientQueryRoutes.ContractQuery;
import com.mandatewatch.api.ClientQueryRoutes.ContractResult;
import com.mandatewatch.auth.Permission;
import com.mandatewatch.domain.Contract;
import com.mandatewatch.report.Csv;
import com.mandatewatch.text.Money;
import com.mandatewatch.text.Table;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mandatewatch.api.Exports.nz;

/**
 * The contract list exported and printed, like the client list: {@code GET /contracts/export?format=csv|txt} and
 * {@code GET /contracts/print}, with the filters and sort of {@code GET /contracts} (no paging unless asked).
 */
final class ContractExportRoutes {
    static final List<String> HEADERS = List.of("合同编号", "客户代码", "客户名称", "账户", "合同类型", "合同状态", "委托金额(元)",
            "起始日期", "到期日期", "目标收益率(%)", "预计续约金额(元)", "交易经理", "记录状态");
    private static final int AMOUNT = 6;
    private static final int TARGET = 9;
    private static final int RENEWAL = 10;
    private static final Map<String, String> TYPE = Map.of("NO_GUARANTEE", "无盈亏保证", "CAPITAL_GUARANTEED", "保本",
            "TREASURY_FACE_VALUE", "国债面值型", "OTHER", "其他");
    private static final Map<String, String> STATUS = Map.of("PLANNED", "计划中", "ACTIVE", "执行中", "MATURED", "已到期",
            "RENEWED", "已续约", "TERMINATED", "已终止", "SETTLED", "已兑付");

    private final ClientQueryRoutes query;

    ContractExportRoutes(ClientQueryRoutes query) {
        this.query = query;
    }

    void mount(Router api) {
        api.get("/contracts/export").handler(this::export);
        api.get("/contracts/print").handler(this::print);
    }

    private void export(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_RECORDS);
        Exports.Request<ContractQuery> req = Exports.request(ctx, (p, extra) -> ContractQuery.parse(p, extra, ClientQueryRoutes.MAX_LIMIT));
        withPeople(query.contracts(c, req.query())).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            ContractResult r = ar.result().contracts();
            Map<String, String> people = ar.result().people();
            Table table = new Table(HEADERS, r.rows().stream().map(k -> texts(k, r.clientNames(), people)).toList(), Set.of(AMOUNT, TARGET, RENEWAL));
            Exports.download(ctx, "contracts", req.options(), table, r.rows().stream().map(k -> csvRow(k, r.clientNames(), people)).toList());
        });
    }

    private void print(RoutingContext ctx) {
        Caller c = Caller.of(ctx).require(Permission.READ_RECORDS);
        ContractQuery q = ContractQuery.parse(ctx.queryParams(), Set.of(), ClientQueryRoutes.MAX_LIMIT);
        withPeople(query.contracts(c, q)).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            ContractResult r = ar.result().contracts();
            Map<String, String> people = ar.result().people();
            List<String> headers = new ArrayList<>(HEADERS);
            headers.set(AMOUNT, "委托金额");
            headers.set(RENEWAL, "预计续约金额");
            List<List<String>> rows = r.rows().stream().map(k -> {
                List<String> t = texts(k, r.clientNames(), people);
                t.set(AMOUNT, k.amount() == null ? "" : Money.wanYi(k.amount()));
                t.set(RENEWAL, k.expectedRenewal() == null ? "" : Money.wanYi(k.expectedRenewal()));
                return t;
            }).toList();
            BigDecimal sum = r.rows().stream().map(Contract::amount).filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
            String summary = "共 " + r.total() + " 份" + (r.rows().size() < r.total() ? "（本页 " + r.rows().size() + " 份）" : "")
                    + "，委托金额合计 " + Money.wanYi(sum);
            Exports.page(ctx, new Table(headers, rows, Set.of(AMOUNT, TARGET, RENEWAL)).printPage("委托合同一览", summary));
        });
    }

    private record WithPeople(ContractResult contracts, Map<String, String> people) {
    }

    /** The trading manager is written as the person people know (张伟（trader1）), so the names come along. */
    private Future<WithPeople> withPeople(Future<ContractResult> contracts) {
        return contracts.compose(r -> query.personNames().map(p -> new WithPeople(r, p)));
    }

    private static List<String> texts(Contract k, Map<String, String> clientNames, Map<String, String> people) {
        return new ArrayList<>(List.of(k.code(), k.clientCode(), nz(clientNames.get(k.clientCode())), nz(k.account()),
                ClientExportRoutes.label(TYPE, k.type()), ClientExportRoutes.label(STATUS, k.status()), yuan(k.amount()),
                k.startDate() == null ? "" : k.startDate().toString(), k.maturityDate() == null ? "" : k.maturityDate().toString(),
                percent(k.targetReturn()), yuan(k.expectedRenewal()), PersonNames.label(people.get(k.tradingManager()), k.tradingManager()),
                ClientExportRoutes.label(ClientExportRoutes.RECORD_STATUS, k.recordStatus())));
    }

    private static List<Csv.Cell> csvRow(Contract k, Map<String, String> clientNames, Map<String, String> people) {
        List<String> t = texts(k, clientNames, people);
        List<Csv.Cell> cells = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            BigDecimal n = i == AMOUNT ? k.amount() : i == RENEWAL ? k.expectedRenewal() : i == TARGET ? percentValue(k.targetReturn()) : null;
            if (n != null) cells.add(Csv.number(i == TARGET ? n : n.setScale(2, RoundingMode.HALF_UP)));
            // codes, accounts and the client's name may look like numbers or dates to Excel (C53)
            else if (i <= 3 || i == 11) cells.add(Csv.code(t.get(i)));
            else cells.add(Csv.text(t.get(i)));
        }
        return cells;
    }

    private static String yuan(BigDecimal d) {
        return d == null ? "" : d.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** 0.06 → 6.00, 0.06125 → 6.125: a return as people write it, never rounded. */
    private static BigDecimal percentValue(BigDecimal ratio) {
        if (ratio == null) return null;
        BigDecimal p = ratio.movePointRight(2);
        return p.setScale(Math.max(2, p.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY);
    }

    private static String percent(BigDecimal ratio) {
        return ratio == null ? "" : percentValue(ratio).toPlainString();
    }
}
