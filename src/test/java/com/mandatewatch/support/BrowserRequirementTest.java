package com.mandatewatch.support;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Without Chromium the dashboard tests are skipped with a reason, unless CI requires the browser: then they fail. */
class BrowserRequirementTest {
    static final Path NONE = Path.of("/nonexistent/chromium");

    @Test
    @DisplayName("A missing Chromium skips the browser tests with a message naming what to install")
    void missingSkips() {
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> Browser.requireChromium(NONE, NONE, false));
        assertTrue(e.getMessage().contains("apt-get install -y chromium chromium-driver"), e.getMessage());
    }

    @Test
    @DisplayName("A missing Chromium fails the browser tests when mw.browser.required is true (CI)")
    void missingFailsWhenRequired() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Browser.requireChromium(NONE, NONE, true));
        assertTrue(e.getMessage().contains("mw.browser.required"), e.getMessage());
    }
}
