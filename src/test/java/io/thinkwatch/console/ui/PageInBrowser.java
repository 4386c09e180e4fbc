package io.thinkwatch.console.ui;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.thinkwatch.capture.CaptureServer;

/**
 * What every console page test shares: one headless Chromium per test class, the admin's credentials, and
 * calls through capture read back through the API ({@link #traces()}).
 */
abstract class PageInBrowser {

    static ConsoleBrowser browser;

    @Inject
    CaptureServer capture;

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @ConfigProperty(name = "thinkwatch.admin.token")
    String adminToken;

    @ConfigProperty(name = "thinkwatch.admin.password")
    String adminPassword;

    @BeforeAll
    static void startBrowser() {
        browser = ConsoleBrowser.launch(Integer.getInteger("it.console.port"));
    }

    @AfterAll
    static void stopBrowser() {
        browser.close();
    }

    /** Sends calls through capture and waits for them in the index, as the admin. */
    Traces traces() {
        return new Traces(capture.port(), consolePort, adminToken);
    }
}
