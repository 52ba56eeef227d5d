package com.mandatewatch.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs) driven
 * over WebDriver, for the dashboard tests. Without Chromium the tests are skipped with a message saying how to get it,
 * unless {@code -Dmw.browser.required=true} (CI) makes that a failure. The driver path is set explicitly, so Selenium
 * Manager never tries to download a browser or driver.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Paths.get(System.getProperty("mw.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Paths.get(System.getProperty("mw.chromedriver", "/usr/bin/chromedriver"));
    /** Screenshots of every step, kept as test artefacts (CI keeps target/). */
    public static final Path SCREENSHOTS = Paths.get(System.getProperty("mw.screenshots", "target/screenshots"));

    public final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Path shots;
    private int shot;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile, Path shots) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.shots = shots;
    }

    /**
     * Starts Chromium, or skips the calling test class when it is not installed (fails instead when the system property
     * {@code mw.browser.required} is {@code true}).
     */
    public static Browser start(String screenshotFolder) {
        requireChromium(CHROMIUM, DRIVER, Boolean.getBoolean("mw.browser.required"));
        try {
            Path profile = Files.createTempDirectory("mw-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // as root in a container: no sandbox; nothing that phones home (the network only reaches package registries)
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1440,1000", "--lang=zh-CN",
                    "--force-device-scale-factor=1");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().withLogFile(profile.resolve("chromedriver.log").toFile()).build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            Path shots = SCREENSHOTS.resolve(screenshotFolder);
            TestApp.deleteTree(shots); // only this run's pictures, numbered in the order taken
            Files.createDirectories(shots);
            return new Browser(driver, service, profile, shots);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Aborts the calling test (JUnit reports it skipped, with the reason) when Chromium or its driver is missing, or fails
     * it when the browser is required: on a fresh machine with only Java and Maven {@code mvn -B test} still passes,
     * while CI, which installs Chromium, cannot silently skip the dashboard tests.
     */
    static void requireChromium(Path chromium, Path driver, boolean required) {
        if (Files.isExecutable(chromium) && Files.isExecutable(driver)) return;
        String why = "headless Chromium not found (" + chromium + ", " + driver + "): install it with "
                + "`apt-get install -y chromium chromium-driver` (as .ci/run does) to run the dashboard tests";
        if (required) Assertions.fail(why + " — required by -Dmw.browser.required=true");
        Assumptions.abort(why + "; skipped");
    }

    public void open(String url) { driver.get(url); }

    /** Forgets the session and what the page kept (drafts, choices) and loads the page again at this address. */
    public void signOutAt(String url) {
        js("sessionStorage.clear(); localStorage.clear();");
        driver.get(url);
        driver.navigate().refresh(); // a change of the hash alone would keep the page, and its session, alive
    }

    /** Waits up to the timeout for a condition (a non-null, non-false answer), failing with the message otherwise. */
    public <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
        try {
            // a page re-rendering between finding an element and reading it is not a failure: look again
            return new WebDriverWait(driver, timeout, Duration.ofMillis(50)).withMessage(what)
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            screenshot("FAILED-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError(what + " (within " + timeout.toMillis() + " ms)", e);
        }
    }

    public <T> T await(String what, Function<WebDriver, T> condition) { return await(Duration.ofSeconds(10), what, condition); }

    public WebElement find(String css) { return driver.findElement(By.cssSelector(css)); }

    public List<WebElement> all(String css) { return driver.findElements(By.cssSelector(css)); }

    /** The first visible element matching css, waited for. */
    public WebElement visible(String css) {
        return await("visible: " + css, d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    public Object js(String script, Object... args) { return ((JavascriptExecutor) driver).executeScript(script, args); }

    /** Saves a PNG of the viewport as target/screenshots/<folder>/<nn>-<name>.png and answers its path. */
    public Path screenshot(String name) {
        try {
            Path file = shots.resolve(String.format("%02d-%s.png", ++shot, name));
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException | RuntimeException e) {
            return null; // a screenshot is an artefact, never the reason a test fails
        }
    }

    /** Browser console entries since the last call (errors, CSP violations, failed loads). */
    public List<String> console() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) out.add(e.getLevel() + " " + e.getMessage());
        return out;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            TestApp.deleteTree(profile);
        }
    }
}
