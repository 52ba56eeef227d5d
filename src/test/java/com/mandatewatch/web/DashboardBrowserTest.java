package com.mandatewatch.web;

import com.mandatewatch.support.Browser;
import com.mandatewatch.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.mandatewatch.support.TestApp.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The dashboard in a real headless Chromium against the whole service on embedded PostgreSQL: sign-in, the live alert
 * window over the WebSocket, acknowledging, the maturity chart, the class colours of the client list, names holding
 * markup (C45). Screenshots of every step go to target/screenshots/DashboardBrowserTest/.
 */
class DashboardBrowserTest {
    static TestApp app;
    static Browser browser;
    static final String XSS_NAME = "<img src=x onerror=alert(1)>";
    /** Why the tests are skipped (no Chromium here), or null. */
    static String skipped;

    @BeforeAll
    static void start() {
        try {
            browser = Browser.start("DashboardBrowserTest"); // fails under mw.browser.required, before the service starts
        } catch (org.opentest4j.TestAbortedException e) {
            // each test then reports itself skipped with the reason, which a class-level abort would hide from the summary
            skipped = e.getMessage();
            System.err.println("DashboardBrowserTest: " + skipped);
            return;
        }
        app = TestApp.start(Map.of());
        app.user("lead1", "SALES_LEAD", null);
        app.user("keeper1", "RECORDS_CUSTODIAN", null);
        // the breach of the live-alert test: client C001, account A001, a 10% single-stock limit
        app.setupClient("C001", "A001", "K-2025-001", "cm1", "cm1@example.test");
        // one client of each size class, maturing in different months of 2025 (the maturity chart's range)
        client("C-A", "华东某上市公司", "LISTED_COMPANY", "A-A", "600000000.00", "2025-03-20", "100000000.00");
        client("C-B", "某国有企业", "STATE_OWNED", "A-B", "200000000.00", "2025-06-30", null);
        client("C-C", "某民营企业", "PRIVATE", "A-C", "50000000.00", "2025-06-15", "50000000.00");
        client("C-D", "某其他机构", "OTHER", "A-D", "10000000.00", "2026-02-27", null);
        // business time 2025-03-03: K-C-A (maturing 2025-03-20) is in its warning window, so every test finds an alert
        app.feed(List.of(new JsonObject().put("type", "clock").put("ts", ts("2025-03-03", "09:00"))));
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (app != null) app.close();
        }
    }

    /** A client with one ACTIVE contract of this amount and maturity, started 2024-01-02. */
    static void client(String code, String name, String nature, String account, String amount, String maturity, String renewal) {
        Response c = app.post("/api/clients", new JsonObject().put("code", code).put("name", name).put("nature", nature).put("manager", "cm1"));
        assertEquals(201, c.status(), c.body());
        JsonObject k = contractBody("K-" + code, code, account).put("amount", amount).put("startDate", "2024-01-02").put("maturityDate", maturity);
        if (renewal != null) k.put("expectedRenewal", renewal);
        Response r = app.post("/api/contracts", k);
        assertEquals(201, r.status(), r.body());
    }

    /** Each test starts signed out on a freshly loaded page, with nothing kept from the one before. */
    @BeforeEach
    void freshPage() {
        Assumptions.assumeTrue(skipped == null, skipped);
        browser.signOutAt(app.base() + "/#/alerts");
        browser.visible("#username");
        browser.console();
    }

    /** Whatever a test did, the page never broke its CSP, never threw, and never printed a missing value as "null". */
    @AfterEach
    void cleanConsole() {
        if (browser == null) return;
        String text = String.valueOf(browser.js("return document.body.innerText"));
        assertFalse(text.matches("(?s).*\\b(null|undefined|NaN)\\b.*"), "a missing value shown as text: " + text);
        List<String> bad = browser.console().stream().filter(l -> l.contains("Content Security Policy") || l.contains("Uncaught")
                || l.contains("TypeError") || l.contains("ReferenceError") || l.contains("SyntaxError")).toList();
        assertEquals(List.of(), bad, "browser console");
    }

    void login(String user, String password) {
        WebElement name = browser.visible("#username");
        name.clear();
        name.sendKeys(user);
        browser.find("#password").sendKeys(password, Keys.ENTER);
        browser.await("signed in as " + user, d -> browser.find("#nav").isDisplayed() && browser.find("#loginView").getAttribute("hidden") != null);
        // the first page is drawn on the first status: it will not draw itself again under the test's hands
        browser.await("first page drawn", d -> "ready".equals(browser.find("body").getAttribute("data-session")));
    }

    @Test
    @DisplayName("The navigation offers what each role reads: operations the alert window only (and only the data-quality card), the trading desk alerts, clients and the maturity plan, and no record form by address")
    void pagesFollowTheRole() {
        app.user("ops1", "OPS", null);
        app.user("trader1", "TRADING", null);
        login("ops1", USER_PASSWORD);
        assertEquals(List.of("预警窗口"), browser.all("#nav a").stream().filter(WebElement::isDisplayed).map(a -> a.getText().trim()).toList());
        browser.await("socket live", d -> "live".equals(browser.find("#conn").getAttribute("data-state")));
        browser.open(app.base() + "/#/clients");
        browser.await("sent back to the alert window", d -> d.getCurrentUrl().endsWith("#/alerts"));
        // no card for a rule operations never see: it would read "0 open" where the truth is "not yours to see"
        assertEquals(List.of("数据质量"), browser.all("#counts .card-rule .card-label").stream().map(WebElement::getText).toList());
        browser.screenshot("ops-navigation");
        browser.signOutAt(app.base() + "/#/alerts");
        login("trader1", USER_PASSWORD);
        assertEquals(List.of("预警窗口", "客户列表", "到期分布"),
                browser.all("#nav a").stream().filter(WebElement::isDisplayed).map(a -> a.getText().trim()).toList());
        // a record form typed into the address bar by a role that reads records but may not edit them goes home
        browser.open(app.base() + "/#/clients/new");
        browser.await("the form is not offered", d -> d.getCurrentUrl().endsWith("#/alerts"));
        browser.open(app.base() + "/#/clients/C001/edit");
        browser.await("nor an edit form", d -> d.getCurrentUrl().endsWith("#/alerts"));
        browser.signOutAt(app.base() + "/#/alerts");
    }

    @Test
    @DisplayName("Sign-in: a wrong password is refused in Chinese, the right one opens the alert window with its Chinese navigation, and the English switch changes the words")
    void signIn() {
        browser.signOutAt(app.base() + "/"); // no page asked for: the role's first page opens
        browser.visible("#username").sendKeys("admin");
        browser.find("#password").sendKeys("wrong-password", Keys.ENTER);
        WebElement msg = browser.visible("#loginMsg");
        assertEquals("用户名或密码错误", msg.getText());
        browser.screenshot("login-refused");

        browser.find("#password").clear();
        login("admin", ADMIN_PASSWORD);
        browser.await("socket live", d -> "live".equals(browser.find("#conn").getAttribute("data-state")));
        assertEquals(List.of("预警窗口", "客户列表", "到期分布", "变更审批", "绩效考核"),
                browser.all("#nav a").stream().filter(WebElement::isDisplayed).map(a -> a.getText().trim()).toList());
        assertEquals("预警窗口", browser.find("#alertsTitle").getText());
        browser.screenshot("alert-window");

        browser.find("#nav a[data-page=maturity]").click();
        browser.visible("#matFrom");
        browser.find("#langBtn").click();
        browser.await("English page", d -> "Maturity distribution".equals(browser.find("#pageView .page-title").getText()));
        assertEquals("Live", browser.find("#connText").getText(), "the header follows on any page");
        browser.find("#nav a[data-page=alerts]").click();
        browser.await("English navigation", d -> "Alerts".equals(browser.find("#alertsTitle").getText()));
        assertEquals("Clients", browser.find("#nav a[data-page=clients]").getText().trim());
        browser.screenshot("alert-window-en");
        browser.find("#langBtn").click();
        browser.await("Chinese again", d -> "预警窗口".equals(browser.find("#alertsTitle").getText()));
    }

    @Test
    @DisplayName("A feed posted to the API makes its new alert row appear within 2 s over the WebSocket, marked unread; acknowledging it from the keyboard with a comment changes its state on the page and in the API; 更新说明 replaces the note")
    void liveAlertAndAcknowledge() {
        login("lead1", USER_PASSWORD);
        browser.await("socket live", d -> "live".equals(browser.find("#conn").getAttribute("data-state")));
        browser.await("snapshot shown", d -> !browser.find("#rows").getText().contains("正在载入"));
        Set<String> before = rowIds();
        browser.screenshot("before-feed");

        long posted = System.nanoTime();
        JsonObject reply = app.feed(List.of(
                security("600519.SH", "STOCK", 1_256_197_800L, "2025-03-03").put("name", "贵州茅台"),
                price("600519.SH", "1500.00", ts("2025-03-03", "09:31")),
                position("A001", "600519.SH", "700", ts("2025-03-03", "09:31")), // 1,050,000 of 10,000,000 = 10.5%
                position("A001", "CASH", "8950000.00", ts("2025-03-03", "09:31"))));
        assertEquals(0, reply.getJsonArray("rejected").size(), reply.encode());
        String id = browser.await(Duration.ofSeconds(2), "the new alert row within 2 s of the POST", d -> {
            Set<String> now = rowIds();
            now.removeAll(before);
            return now.stream().filter(x -> rowText(x).contains("600519.SH")).findFirst().orElse(null);
        });
        long millis = Duration.ofNanos(System.nanoTime() - posted).toMillis();
        assertTrue(millis <= 2000, "row after " + millis + " ms");
        browser.screenshot("new-alert");

        WebElement row = row(id);
        assertTrue(row.getAttribute("class").contains("unread"), "a new alert is marked unread");
        assertTrue(row.getText().contains("严重"), row.getText());
        assertTrue(row.getText().contains("10.50%") && row.getText().contains("10%"), "value against limit: " + row.getText());
        assertTrue(row.getText().contains("测试客户C001"), row.getText());
        browser.await("the holding's name under its code", d -> row(id).findElement(By.cssSelector(".c-subject")).getText().contains("贵州茅台"));
        int unread = browser.all("tr.alert-row.unread").size();
        assertEquals(String.valueOf(unread), browser.find("#navUnread").getText(), "the navigation counts the unread rows");
        assertEquals("FIRING", app.get("/api/alerts/" + id).json().getString("state"));

        // keyboard only: Enter on the row's 确认 button, type the comment, Enter on the dialog's 确认
        WebElement ack = row.findElement(By.cssSelector("button.btn-ack"));
        ack.sendKeys(Keys.ENTER);
        WebElement comment = browser.visible("#ackComment");
        assertEquals(comment, browser.driver.switchTo().activeElement(), "the comment box takes the focus");
        comment.sendKeys("已联系交易员，明日减持");
        browser.screenshot("ack-dialog");
        browser.find("#ackSubmit").sendKeys(Keys.ENTER);
        browser.await("row acknowledged, by the name people know", d -> row(id).getText().contains("已确认 · 用户lead1"));
        assertTrue(row(id).findElements(By.cssSelector("button.btn-ack:not(.btn-reack)")).isEmpty(), "no 确认 button on an acknowledged alert");
        assertFalse(row(id).getAttribute("class").contains("unread"), "acknowledging reads it");
        assertEquals(unread - 1, browser.all("tr.alert-row.unread").size(), "one unread fewer");
        browser.screenshot("acknowledged");

        JsonObject stored = app.get("/api/alerts/" + id).json();
        assertEquals("ACKNOWLEDGED", stored.getString("state"));
        assertEquals("lead1", stored.getString("acknowledgedBy"));
        assertEquals("已联系交易员，明日减持", stored.getString("comment"));

        // handling moves on: 更新说明 opens the dialog with the current note, and the new one replaces it
        row(id).findElement(By.cssSelector("button.btn-reack")).click();
        WebElement again = browser.visible("#ackComment");
        assertEquals("已联系交易员，明日减持", again.getAttribute("value"));
        assertEquals("更新处理说明", browser.find("#ackTitle").getText());
        again.clear();
        again.sendKeys("已减持至 9.5%");
        browser.find("#ackSubmit").click();
        browser.await("note updated", d -> "已减持至 9.5%".equals(app.get("/api/alerts/" + id).json().getString("comment")));
    }

    @Test
    @DisplayName("到期分布 draws exactly one bar per month of the requested range for maturing and adjusted maturing funds, lines for existing funds, and the table beneath with the server's figures in 亿元")
    void maturityChart() {
        login("lead1", USER_PASSWORD);
        browser.find("#nav a[data-page=maturity]").click();
        WebElement from = browser.visible("#matFrom");
        from.clear();
        from.sendKeys("2025-01");
        WebElement months = browser.find("#matMonths");
        months.clear();
        months.sendKeys("12", Keys.ENTER);
        Map<?, ?> chart = chartState("2025-01");
        List<String> expected = List.of("2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08",
                "2025-09", "2025-10", "2025-11", "2025-12");
        assertEquals(expected, chart.get("months"));
        assertBarsPerMonth(chart, 12);
        JsonArray server = app.get("/api/reports/maturity-distribution?from=2025-01&months=12").json().getJsonArray("rows");
        List<?> maturing = (List<?>) ((Map<?, ?>) ((List<?>) chart.get("series")).get(0)).get("data");
        for (int i = 0; i < 12; i++) {
            double yi = new java.math.BigDecimal(server.getJsonObject(i).getString("maturing")).movePointLeft(8).doubleValue();
            assertEquals(yi, ((Number) maturing.get(i)).doubleValue(), 1e-9, "maturing bar of " + expected.get(i));
        }
        assertEquals(6.0, ((Number) maturing.get(2)).doubleValue(), 1e-9, "K-C-A (6亿) matures in 2025-03");
        assertEquals(2.5, ((Number) maturing.get(5)).doubleValue(), 1e-9, "K-C-B and K-C-C (2亿 + 5千万) mature in 2025-06");
        WebElement march = browser.find("#maturityTable tr[data-month='2025-03']");
        assertTrue(march.getText().contains("6.00亿元") && march.getText().contains("5.00亿元"),
                "maturing 6亿, adjusted 6亿 − 1亿 renewal: " + march.getText());
        assertEquals(12, browser.all("#maturityTable tbody tr").size());
        browser.await("chart drawn", d -> "true".equals(browser.find("#maturityChart").getAttribute("data-rendered")));
        browser.screenshot("maturity-2025");

        // another range: the chart follows the request, nothing is fixed at twelve
        browser.open(app.base() + "/#/maturity?from=2025-06&months=6");
        Map<?, ?> six = chartState("2025-06");
        assertEquals(List.of("2025-06", "2025-07", "2025-08", "2025-09", "2025-10", "2025-11"), six.get("months"));
        assertBarsPerMonth(six, 6);
        browser.await("chart drawn", d -> "true".equals(browser.find("#maturityChart").getAttribute("data-rendered")));
        browser.screenshot("maturity-6-months");
    }

    /** The ECharts instance's categories and series, and for each bar series how many bars it laid out, and where. */
    Map<?, ?> chartState(String firstMonth) {
        return browser.await("chart of " + firstMonth, d -> {
            Object r = browser.js("""
                    const el = document.getElementById('maturityChart');
                    const c = el && window.echarts && echarts.getInstanceByDom(el);
                    if (!c) return null;
                    const o = c.getOption();
                    if (o.xAxis[0].data[0] !== arguments[0]) return null;
                    const bars = o.series.map((s, i) => {
                      if (s.type !== 'bar') return null;
                      const data = c.getModel().getSeriesByIndex(i).getData();
                      const xs = [];
                      for (let j = 0; j < data.count(); j++) { const l = data.getItemLayout(j); if (l && l.width > 0) xs.push(l.x); }
                      return xs;
                    });
                    return { months: o.xAxis[0].data, series: o.series.map((s) => ({ id: s.id, type: s.type, data: s.data })), bars };
                    """, firstMonth);
            return r instanceof Map<?, ?> m ? m : null;
        });
    }

    static void assertBarsPerMonth(Map<?, ?> chart, int months) {
        List<?> series = (List<?>) chart.get("series");
        List<String> kinds = series.stream().map(s -> ((Map<?, ?>) s).get("id") + ":" + ((Map<?, ?>) s).get("type")).toList();
        assertEquals(List.of("maturing:bar", "adjustedMaturing:bar", "existing:line", "adjustedExisting:line"), kinds);
        List<?> bars = (List<?>) chart.get("bars");
        for (int i = 0; i < 2; i++) {
            List<?> xs = (List<?>) bars.get(i);
            assertEquals(months, xs.size(), "bars drawn in " + kinds.get(i));
            for (int j = 1; j < xs.size(); j++) {
                assertTrue(((Number) xs.get(j)).doubleValue() > ((Number) xs.get(j - 1)).doubleValue(), "one bar per month, left to right");
            }
        }
    }

    @Test
    @DisplayName("客户列表 paints each client in its class colour from conf/classification.yaml with readable text, with a legend, and the dimension selector repaints by nature")
    void clientClassColours() {
        login("lead1", USER_PASSWORD);
        browser.find("#nav a[data-page=clients]").click();
        browser.await("client rows", d -> browser.all("#clientTable tr[data-code='C-D']").size() == 1);
        Map<String, Map<String, String>> colours = colours();
        Map<String, String> size = Map.of("C-A", "A", "C-B", "B", "C-C", "C", "C-D", "D");
        Set<String> seen = new HashSet<>();
        for (var e : size.entrySet()) {
            WebElement tr = browser.find("#clientTable tr[data-code='" + e.getKey() + "']");
            String bg = tr.getCssValue("background-color");
            assertEquals(rgba(colours.get("size").get(e.getValue())), bg, e.getKey() + " in size class " + e.getValue());
            assertTrue(contrast(tr.getCssValue("color"), bg) >= 4.5, e.getKey() + " text contrast on " + bg);
            seen.add(bg);
        }
        assertEquals(4, seen.size(), "four classes, four colours");
        assertEquals(4, browser.all("#classLegend li").size() - (browser.find("#classLegend").getText().contains("未分类") ? 1 : 0));
        assertTrue(browser.find("#classLegend").getText().contains("A 类：委托金额 ≥ 5亿"), browser.find("#classLegend").getText());
        browser.screenshot("clients-by-size");

        new Select(browser.find("#cDim")).selectByValue("nature");
        Map<String, String> nature = Map.of("C-A", "A", "C-B", "B", "C-C", "C", "C-D", "D", "C001", "C");
        browser.await("repainted by nature", d -> browser.find("#clientTable tr[data-code='C001']").getCssValue("background-color")
                .equals(rgba(colours.get("nature").get("C"))));
        for (var e : nature.entrySet()) {
            WebElement tr = browser.find("#clientTable tr[data-code='" + e.getKey() + "']");
            assertEquals(rgba(colours.get("nature").get(e.getValue())), tr.getCssValue("background-color"), e.getKey() + " by nature");
        }
        assertTrue(browser.find("#classLegend").getText().contains("上市公司"), browser.find("#classLegend").getText());
        browser.screenshot("clients-by-nature");
    }

    @Test
    @DisplayName("At a laptop's 1366 px the alert table fits its box with every row's buttons in view, in Chinese with a silenced row and in English")
    void alertTableFitsALaptop() {
        app.setupClient("C-LAP", "A-LAP", "K-LAP", "cm1", "cm1@example.test");
        app.feed(List.of(security("600028.SH", "STOCK", 121_071_209_646L, "2025-03-03"), price("600028.SH", "6.00", ts("2025-03-03", "10:00")),
                position("A-LAP", "600028.SH", "200000", ts("2025-03-03", "10:00")), // 1,200,000 of 10,000,000 = 12%
                position("A-LAP", "CASH", "8800000.00", ts("2025-03-03", "10:00"))));
        JsonObject alert = app.alerts("state=open&account=A-LAP").stream().map(o -> (JsonObject) o)
                .filter(a -> "600028.SH".equals(a.getString("subject"))).findFirst().orElseThrow();
        assertEquals(201, app.post("/api/silences", new JsonObject().put("matchers", new JsonObject().put("account", "A-LAP")
                .put("rule", alert.getString("rule")).put("subject", "600028.SH")).put("until", java.time.OffsetDateTime.now().plusDays(1).toString())
                .put("reason", "调仓中")).status());
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 768));
        try {
            login("lead1", USER_PASSWORD);
            browser.await("silenced row shown", d -> rowText(String.valueOf(alert.getLong("id"))).contains("静默至"));
            String fits = "const t = document.getElementById('alertTable'); return t.scrollWidth <= t.parentElement.clientWidth + 1;";
            assertEquals(Boolean.TRUE, browser.js(fits), "Chinese: the table is wider than its box");
            browser.screenshot("alerts-1366-zh");
            browser.find("#langBtn").click();
            browser.await("English page", d -> "Alerts".equals(browser.find("#alertsTitle").getText()));
            assertEquals(Boolean.TRUE, browser.js(fits), "English: the table is wider than its box");
            browser.screenshot("alerts-1366-en");
            browser.find("#langBtn").click();
            browser.await("Chinese again", d -> "预警窗口".equals(browser.find("#alertsTitle").getText()));
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1000));
        }
    }

    @Test
    @DisplayName("A person deactivated while signed in is sent back to the sign-in form told that the account changed, not that the session expired")
    void deactivatedWhileSignedIn() {
        app.user("gone-b", "SALES_LEAD", null);
        browser.signOutAt(app.base() + "/");
        login("gone-b", USER_PASSWORD);
        JsonObject row = app.get("/api/users/gone-b").json().put("active", false);
        assertEquals(200, app.put("/api/users/gone-b", row).status());
        browser.find("#nav a[data-page=clients]").click();
        WebElement msg = browser.visible("#loginMsg");
        assertEquals("账号已停用，或角色、密码已变更，请重新登录", msg.getText());
    }

    @Test
    @DisplayName("Client detail: an open maturity warning shows under its stored message the countdown from the business date, as the alert window counts it")
    void detailCountsMaturityFromTheBusinessDate() {
        assertEquals(201, app.post("/api/clients", new JsonObject().put("code", "C-MD").put("name", "到期客户").put("nature", "PRIVATE")
                .put("manager", "cm1")).status());
        // a clock before any other test's data is late and harmless; alone it gives the page a business date
        app.feed(List.of(new JsonObject().put("type", "clock").put("ts", ts("2025-03-03", "09:00"))));
        assertEquals(201, app.post("/api/contracts", contractBody("K-MD", "C-MD", "A-MD").put("maturityDate", "2025-04-10")).status());
        login("lead1", USER_PASSWORD);
        browser.open(app.base() + "/#/clients/C-MD");
        WebElement sub = browser.await("the countdown under the maturity message", d -> d.findElements(
                By.cssSelector("table.client-alerts td.c-msg .sub")).stream().findFirst().orElse(null));
        assertTrue(sub.getText().matches("按业务日期 2025-03-0\\d：剩余 3\\d 天"), sub.getText());
        assertEquals("净值 —", browser.find("#pageView h3 .h-sub").getText(), "no positions yet: no NAV, not 0.00万元");
        assertEquals("投资限制：单一股票 ≤ 10%（预警线为限额的 90%）", browser.find("tr.restrictions").getText(),
                "what the mandate forbids, for every reader");

        // a participant without a level: the error stands under the participants input, naming the entry and part
        browser.find("input[name=place]").sendKeys("上海");
        browser.find("input[name=participants]").sendKeys("王总:董事长，李四");
        browser.find("textarea[name=problems]").sendKeys("关注到期安排");
        browser.find("input[name=participants]").submit();
        WebElement error = browser.await("the participants error", d -> d.findElements(By.cssSelector(".field[data-field=participants] .field-error"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertTrue(error.getText().startsWith("第 2 项 · 职级："), error.getText());
        browser.screenshot("client-detail-maturity-countdown");
    }

    @Test
    @DisplayName("A client named <img src=x onerror=alert(1)> appears as that literal text in the client list, its detail page and its alert row, and no element or script comes of it (C45)")
    void markupInNamesIsText() {
        Response c = app.post("/api/clients", new JsonObject().put("code", "C-X").put("name", XSS_NAME).put("nature", "PRIVATE").put("manager", "cm1"));
        assertEquals(201, c.status(), c.body());
        assertEquals(201, app.post("/api/contracts", contractBody("K-C-X", "C-X", "A-X")).status());
        app.feed(List.of(security("600036.SH", "STOCK", 25_219_845_601L, "2025-03-03"),
                price("600036.SH", "40.00", ts("2025-03-03", "10:00")),
                position("A-X", "600036.SH", "300000", ts("2025-03-03", "10:00")), // 12,000,000 of 100,000,000 = 12%
                position("A-X", "CASH", "88000000.00", ts("2025-03-03", "10:00"))));

        login("lead1", USER_PASSWORD);
        WebElement row = browser.await("alert row of C-X", d -> d.findElements(By.cssSelector("tr.alert-row")).stream()
                .filter(r -> r.getText().contains("C-X")).findFirst().orElse(null));
        assertTrue(row.findElement(By.cssSelector(".client-name")).getText().equals(XSS_NAME), row.getText());
        browser.screenshot("alert-row-markup-name");

        browser.open(app.base() + "/#/clients");
        WebElement name = browser.await("client list row", d -> d.findElements(By.cssSelector("#clientTable tr[data-code='C-X'] td.client-name"))
                .stream().findFirst().orElse(null));
        assertEquals(XSS_NAME, name.getText());
        browser.screenshot("client-list-markup-name");
        browser.open(app.base() + "/#/clients/C-X");
        browser.await("detail heading", d -> browser.find("#pageView .page-title").getText().contains(XSS_NAME));
        browser.screenshot("client-detail-markup-name");

        assertEquals(0L, browser.js("return document.querySelectorAll('img').length"), "no <img> was made from the name");
        assertThrows(NoAlertPresentException.class, () -> browser.driver.switchTo().alert(), "onerror never ran");
    }

    @Test
    @DisplayName("Records: the page offers each role only its actions; a supervisor's edit of a sealed client becomes a pending change that another supervisor approves on 变更审批; bad fields are named under their inputs; the trading manager is chosen by name")
    void recordsWorkflowInThePage() {
        app.user("mkt1", "MARKETING_MANAGER", null);
        app.user("trader-b", "TRADING", null);
        // the custodian may seal but not edit, and reads no alerts (not a custodian's concern: README "Roles")
        login("keeper1", USER_PASSWORD);
        browser.open(app.base() + "/#/clients/C-B");
        browser.driver.navigate().refresh();
        WebElement seal = browser.visible("button[data-action=seal]");
        assertTrue(browser.all(".page-actions a[href$='/edit']").isEmpty(), "no 编辑 for RECORDS_CUSTODIAN");
        browser.screenshot("custodian-detail");
        seal.click();
        browser.driver.switchTo().alert().accept();
        browser.await("sealed", d -> app.get("/api/clients/C-B").json().getString("status").equals("SEALED"));
        browser.open(app.base() + "/#/alerts");
        browser.await("sent to the client list", d -> d.getCurrentUrl().endsWith("#/clients"));
        assertEquals(List.of("客户列表"), browser.all("#nav a").stream().filter(WebElement::isDisplayed)
                .map(a -> a.getText().trim()).toList(), "only the client list for RECORDS_CUSTODIAN");

        // a sales lead edits the sealed client: the save becomes a pending change
        browser.signOutAt(app.base() + "/#/clients/C-B/edit");
        login("lead1", USER_PASSWORD);
        assertTrue(browser.all("button[data-action=seal]").isEmpty(), "no 封存 for SALES_LEAD");
        browser.open(app.base() + "/#/clients/C-B/edit"); // the custodian was sent away from it before signing out
        browser.visible("#fName");
        assertTrue(browser.find(".page").getText().contains("此记录已封存"), "the form says a save will need approval");
        new Select(browser.find("#fStage")).selectByValue("MAINTAINING");
        browser.find("#fName").sendKeys(Keys.END, "（集团）");
        browser.screenshot("sealed-edit");
        browser.find(".form button[type=submit]").click();
        browser.await("pending notice", d -> browser.find("#toast").getText().contains("已提交审批"));
        assertEquals("某国有企业", app.get("/api/clients/C-B").json().getString("name"), "a sealed record is unchanged until approved");
        browser.open(app.base() + "/#/changes");
        WebElement own = browser.visible("#changeList article");
        assertTrue(own.getText().contains("本人提交的申请须由其他主管审批"), own.getText());
        assertTrue(own.findElements(By.cssSelector("[data-action=approve]")).isEmpty(), "the requester cannot approve");

        // bad fields of a new contract are named under their inputs
        browser.open(app.base() + "/#/clients/C-B/contracts/new");
        browser.visible("#kAmount").sendKeys("一百万");
        // the trading manager is chosen by name among the trading desk, not typed as a user name
        List<String> traders = new Select(browser.find("select[name=tradingManager]")).getOptions().stream().map(WebElement::getText).toList();
        assertTrue(traders.contains("用户trader-b（trader-b）"), traders.toString());
        browser.find(".form button[type=submit]").click();
        WebElement amountError = browser.visible(".field[data-field=amount] .field-error");
        assertFalse(amountError.getText().isBlank());
        assertFalse(amountError.getText().contains(" / "), "the Chinese half of the server's message only: " + amountError.getText());
        assertEquals("true", browser.find("#kAmount").getAttribute("aria-invalid"));
        assertTrue(browser.find(".field[data-field=code] .field-error").isDisplayed(), "the missing code is named too");
        browser.screenshot("contract-field-errors");

        // the marketing manager approves it
        browser.signOutAt(app.base() + "/#/changes");
        login("mkt1", USER_PASSWORD);
        WebElement approve = browser.visible("#changeList article [data-action=approve]");
        String diff = browser.find("#changeList article table").getText();
        assertTrue(diff.contains("生命周期阶段") && diff.contains("已签约") && diff.contains("维护中"), "fields and values in Chinese: " + diff);
        browser.screenshot("changes-to-approve");
        approve.click();
        browser.await("approved", d -> app.get("/api/clients/C-B").json().getString("name").equals("某国有企业（集团）"));
        assertEquals("MAINTAINING", app.get("/api/clients/C-B").json().getString("stage"));
        // the status filter survives a language switch, which draws the page again
        new Select(browser.find("#chStatus")).selectByValue("APPROVED");
        browser.find("#langBtn").click();
        browser.await("drawn in English", d -> "Approvals".equals(browser.find("#pageView .page-title").getText()));
        assertEquals("APPROVED", new Select(browser.find("#chStatus")).getFirstSelectedOption().getAttribute("value"));
        browser.find("#langBtn").click();
    }

    @Test
    @DisplayName("Draft autosave: what was typed in a new client form comes back after a reload, and is gone once saved")
    void draftAutosave() {
        login("lead1", USER_PASSWORD);
        browser.open(app.base() + "/#/clients/new");
        browser.visible("#fCode").sendKeys("C-NEW");
        browser.find("#fName").sendKeys("新客户草稿");
        browser.await("autosaved", d -> browser.find(".autosave-status").getText().contains("已自动保存"));
        browser.driver.navigate().refresh();
        browser.await("restored", d -> "新客户草稿".equals(browser.visible("#fName").getAttribute("value")));
        assertTrue(browser.find(".page").getText().contains("已恢复本机"), "the restored draft is announced");
        browser.screenshot("draft-restored");
        new Select(browser.find("#fNature")).selectByValue("PRIVATE");
        browser.find(".form button[type=submit]").click();
        browser.await("saved", d -> d.getCurrentUrl().endsWith("#/clients/C-NEW"));
        assertEquals("新客户草稿", app.get("/api/clients/C-NEW").json().getString("name"));
        browser.open(app.base() + "/#/clients/new");
        assertEquals("", browser.visible("#fName").getAttribute("value"), "a saved draft is not offered again");

        // a draft entered by mistake, with nothing hanging off it, can be deleted from its page
        browser.open(app.base() + "/#/clients/C-NEW");
        browser.visible("button[data-action=delete]").click();
        browser.driver.switchTo().alert().accept();
        browser.await("deleted", d -> app.get("/api/clients/C-NEW").status() == 404);
        browser.await("back at the list", d -> d.getCurrentUrl().endsWith("#/clients"));
    }

    @Test
    @DisplayName("The alert window filters by rule and by client manager, and silencing an alert's mail from its row needs a reason, records the silence with the row's matchers and marks the row")
    void filtersAndSilence() {
        app.setupClient("C002", "A002", "K-2025-002", "cm2", "cm2@example.test");
        app.feed(List.of(security("601318.SH", "STOCK", 18_280_241_410L, "2025-03-03"),
                price("601318.SH", "50.00", ts("2025-03-03", "10:30")),
                position("A002", "601318.SH", "230000", ts("2025-03-03", "10:30")), // 11,500,000 of 100,000,000 = 11.5%
                position("A002", "CASH", "88500000.00", ts("2025-03-03", "10:30"))));
        login("lead1", USER_PASSWORD);
        browser.await("cm2's alert shown", d -> d.findElements(By.cssSelector("tr.alert-row")).stream().anyMatch(r -> r.getText().contains("601318.SH")));

        new Select(browser.find("#fRule")).selectByValue("MATURITY");
        int maturity = app.alerts("state=open&rule=MATURITY").size();
        browser.await("only maturity rows", d -> browser.all("tr.alert-row").size() == maturity);
        assertTrue(browser.all("tr.alert-row").stream().allMatch(r -> r.getText().contains("合同到期")), "rule filter");
        new Select(browser.find("#fRule")).selectByValue("");
        new Select(browser.find("#fManager")).selectByValue("cm2");
        browser.await("only cm2's rows", d -> browser.all("tr.alert-row").size() == 1);
        assertTrue(browser.find("tr.alert-row").getText().contains("601318.SH"), browser.find("tr.alert-row").getText());
        browser.screenshot("filtered-by-manager");
        browser.find("#clearFilter").click();
        browser.await("filters cleared", d -> browser.all("tr.alert-row").size() == app.alerts("state=open").size());

        WebElement row = browser.all("tr.alert-row").stream().filter(r -> r.getText().contains("K-C-A")).findFirst().orElseThrow();
        String id = row.getAttribute("data-alert-id");
        row.findElement(By.cssSelector("button.btn-silence")).click();
        browser.visible("#silenceReason");
        browser.find("#silenceSubmit").click();
        WebElement reasonError = browser.visible("#silenceDialog .field[data-field=reason] .field-error");
        assertFalse(reasonError.getText().isBlank(), "the server's word on the missing reason, under the field");
        browser.screenshot("silence-needs-reason");
        browser.find("#silenceReason").sendKeys("客户已口头确认续约，合同签署中");
        new Select(browser.find("#silenceFor")).selectByValue("h24");
        browser.find("#silenceSubmit").click();
        browser.await("row marked silenced", d -> row(id).getText().contains("邮件已静默至"));
        browser.screenshot("silenced");

        JsonObject silence = app.get("/api/silences?state=active").items().stream().map(o -> (JsonObject) o)
                .filter(x -> "客户已口头确认续约，合同签署中".equals(x.getString("reason"))).findFirst().orElseThrow();
        assertEquals(new JsonObject().put("rule", "MATURITY").put("account", "A-A").put("subject", "K-C-A"), silence.getJsonObject("matchers"));
        assertEquals("lead1", silence.getString("createdBy"));
        long hours = Duration.between(java.time.Instant.now(), java.time.OffsetDateTime.parse(silence.getString("until")).toInstant()).toHours();
        assertTrue(hours >= 23 && hours <= 24, "24 hours: " + hours);
    }

    @Test
    @DisplayName("绩效考核: a sales lead records a manager's month in the form (2025-03), which then starts empty; the record with the server's score and the year's ranking appear")
    void assessment() {
        login("lead1", USER_PASSWORD);
        browser.find("#nav a[data-page=assessments]").click();
        new Select(browser.visible("#afManager")).selectByValue("cm1");
        WebElement year = browser.find("#afYear");
        year.clear();
        year.sendKeys("2025");
        WebElement month = browser.find("#afMonth");
        month.clear();
        month.sendKeys("3");
        browser.find("#afQual").sendKeys("85");
        browser.find("#afComment").sendKeys("续约推进及时");
        WebElement filterYear = browser.find("#asYear");
        filterYear.clear();
        filterYear.sendKeys("2025");
        browser.find("#afComment").submit();
        browser.await("saved", d -> browser.find("#toast").getText().contains("已保存 经理cm1（cm1） 2025-03"));
        browser.await("the next record starts empty", d -> "".equals(browser.find("#afComment").getAttribute("value"))
                && "".equals(new Select(browser.find("#afManager")).getFirstSelectedOption().getAttribute("value")));
        JsonObject stored = app.get("/api/assessments?year=2025&manager=cm1").items().getJsonObject(0);
        browser.find("#asYear").submit();
        browser.await("record listed with the server's exact score", d -> browser.find(".assessment h4").getText().contains("2025-03")
                && browser.find(".assessment h4").getText().contains(stored.getString("score")));
        assertTrue(browser.find("#assessmentSummary").getText().contains("cm1"), browser.find("#assessmentSummary").getText());
        browser.screenshot("assessment");
    }

    // ---- helpers

    static Set<String> rowIds() {
        Set<String> ids = new HashSet<>();
        for (WebElement tr : browser.all("tr.alert-row")) ids.add(tr.getAttribute("data-alert-id"));
        return ids;
    }

    static WebElement row(String id) { return browser.find("tr.alert-row[data-alert-id='" + id + "']"); }

    static String rowText(String id) {
        try {
            return row(id).getText();
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** dimension → class → colour (#RRGGBB), as the service reads them from conf/classification.yaml. */
    static Map<String, Map<String, String>> colours() {
        Map<String, Map<String, String>> out = new java.util.HashMap<>();
        for (Object d : app.get("/api/reports/classification").json().getJsonArray("dimensions")) {
            JsonObject dim = (JsonObject) d;
            Map<String, String> m = new java.util.HashMap<>();
            for (Object c : dim.getJsonArray("classes")) m.put(((JsonObject) c).getString("class"), ((JsonObject) c).getString("colour"));
            out.put(dim.getString("dimension"), m);
        }
        return out;
    }

    static String rgba(String hex) {
        int v = Integer.parseInt(hex.substring(1), 16);
        return "rgba(" + (v >> 16) + ", " + ((v >> 8) & 0xff) + ", " + (v & 0xff) + ", 1)";
    }

    /** WCAG contrast ratio of two CSS colours as Chromium reports them (rgb(…) or rgba(…)). */
    static double contrast(String a, String b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(String css) {
        String[] p = css.replaceAll("[^0-9.,]", "").split(",");
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = Double.parseDouble(p[i]) / 255;
            c[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    static List<String> texts(List<WebElement> els) {
        List<String> out = new ArrayList<>();
        els.forEach(e -> out.add(e.getText()));
        return out;
    }
}
