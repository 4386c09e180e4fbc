package io.thinkwatch.alerts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * The one HTTP client that talks to alert receivers: built once with timeouts, redirects never followed (a
 * redirect could lead to a private address), its threads stopped on shutdown. Each target is checked by the
 * {@link TargetPolicy} right before sending.
 */
@ApplicationScoped
public class AlertHttp {

    private static final Logger LOG = Logger.getLogger(AlertHttp.class);

    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "thinkwatch-alerts-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client;
    private final AlertsConfig config;
    private final TargetPolicy policy;

    public AlertHttp(AlertsConfig config) {
        this.config = config;
        this.policy = new TargetPolicy(config.allowPrivateTargets());
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .build();
    }

    /** POSTs a JSON body and classifies the answer. */
    public SendResult postJson(String url, String body, Map<String, String> headers) {
        Optional<String> refused = policy.problemBeforeSend(url);
        if (refused.isPresent()) {
            boolean unresolved = refused.get().contains("does not resolve");
            return SendResult.failed(null, 0, "target " + refused.get(), null, !unresolved);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(config.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Thinkwatch-Alerts/1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            long latency = (System.nanoTime() - started) / 1_000_000;
            return SendResult.ofHttp(
                    response.statusCode(),
                    latency,
                    response.body(),
                    RetryAfter.parse(
                            response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
        } catch (HttpTimeoutException e) {
            return SendResult.failed(null, elapsed(started), "timed out after " + config.requestTimeout(), null, false);
        } catch (IOException e) {
            return SendResult.failed(
                    null,
                    elapsed(started),
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    null,
                    false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failed(null, elapsed(started), "interrupted by shutdown", null, false);
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @PreDestroy
    void close() throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            LOG.warn("Alert HTTP client threads did not stop within 5 s");
            executor.shutdownNow();
        }
    }
}
