package io.thinkwatch.console.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;

/**
 * One headless Debian Chromium (deploy/local/chromium.sh installs it) driven by Playwright, shared by the tests
 * of one class. Each test opens its own {@link Tab}, a fresh browser context with its own cookies.
 */
final class ConsoleBrowser implements AutoCloseable {

    /**
     * Where the tests leave a screenshot of each page: {@code target/screenshots}, or {@code docs/screenshots} (the
     * README's) with {@code -Dit.screenshots=docs/screenshots}.
     */
    static final Path SCREENSHOTS = Paths.get(System.getProperty("it.screenshots", "target/screenshots"));

    private static final String CHROMIUM = System.getenv().getOrDefault("THINKWATCH_CHROMIUM", "/usr/bin/chromium");

    private final Playwright playwright;
    private final Browser browser;
    private final String baseUrl;

    private ConsoleBrowser(Playwright playwright, Browser browser, String baseUrl) {
        this.playwright = playwright;
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    static ConsoleBrowser launch(int consolePort) {
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(Paths.get(CHROMIUM))
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
        return new ConsoleBrowser(playwright, browser, "http://127.0.0.1:" + consolePort);
    }

    /** A new tab in a new context (no cookies), 1280 x 800 unless said otherwise. */
    Tab open() {
        return open(1280, 800);
    }

    Tab open(int width, int height) {
        BrowserContext context = browser.newContext(
                new Browser.NewContextOptions().setBaseURL(baseUrl).setViewportSize(width, height));
        return new Tab(context, context.newPage());
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }

    /** A page with what it reported: script errors and CSP violations in the console, and dialogs it opened. */
    static final class Tab implements AutoCloseable {

        final Page page;
        final List<String> consoleErrors = new CopyOnWriteArrayList<>();
        final List<String> dialogs = new CopyOnWriteArrayList<>();
        private final BrowserContext context;

        private Tab(BrowserContext context, Page page) {
            this.context = context;
            this.page = page;
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    consoleErrors.add(message.text());
                }
            });
            page.onPageError(error -> consoleErrors.add(error));
            page.onDialog(dialog -> {
                dialogs.add(dialog.type() + ": " + dialog.message());
                dialog.dismiss();
            });
        }

        /** Signs in through the login form and waits for the page it leads to. */
        Tab signIn(String username, String password) {
            page.navigate("/login");
            page.getByLabel("User name").fill(username);
            page.getByLabel("Password").fill(password);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                    .click();
            page.waitForURL(url -> !url.endsWith("/login"));
            return this;
        }

        void screenshot(String name) {
            try {
                Files.createDirectories(SCREENSHOTS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
