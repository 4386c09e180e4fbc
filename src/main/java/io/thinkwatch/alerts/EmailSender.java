package io.thinkwatch.alerts;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/**
 * Email over SMTP, as plain text and HTML. A channel that names its own SMTP server ({@code settings.host})
 * gets a Vert.x mail client (the one Quarkus Mailer is built on) for that send; otherwise the Quarkus Mailer
 * configured by {@code quarkus.mailer.*} sends it.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    private final Mailer mailer;
    private final Vertx vertx;
    private final AlertsConfig config;

    public EmailSender(Mailer mailer, Vertx vertx, AlertsConfig config) {
        this.mailer = mailer;
        this.vertx = vertx;
        this.config = config;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public SendResult send(AlertMessage message, ChannelTarget target) {
        String subject = "[Thinkwatch] " + EmailBodies.oneLine(message.title());
        String from = target.get("from") != null ? target.get("from") : config.mailFrom();
        List<String> to = target.addresses("to");
        long started = System.nanoTime();
        try {
            if (target.get("host") == null) {
                mailer.send(new Mail()
                        .setFrom(from)
                        .setTo(to)
                        .setSubject(subject)
                        .setText(EmailBodies.text(message))
                        .setHtml(EmailBodies.html(message)));
            } else {
                sendDirect(
                        target,
                        new MailMessage()
                                .setFrom(from)
                                .setTo(to)
                                .setSubject(subject)
                                .setText(EmailBodies.text(message))
                                .setHtml(EmailBodies.html(message)));
            }
            return SendResult.delivered(250, elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failed(null, elapsed(started), "interrupted by shutdown", null, false);
        } catch (TimeoutException e) {
            return SendResult.failed(
                    null, elapsed(started), "SMTP timed out after " + config.requestTimeout(), null, false);
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            // An SMTP reply in 5xx (e.g. 550 no such user, 535 bad credentials) will not change by retrying.
            boolean permanent = cause.getMessage() != null && cause.getMessage().matches("(?s).*\\b5\\d\\d[ -].*");
            return SendResult.failed(null, elapsed(started), error, null, permanent);
        }
    }

    private void sendDirect(ChannelTarget target, MailMessage message)
            throws InterruptedException, ExecutionException, TimeoutException {
        MailConfig smtp = new MailConfig()
                .setHostname(target.get("host"))
                .setPort(target.get("port") == null ? 25 : Integer.parseInt(target.get("port")))
                .setSsl(Boolean.parseBoolean(target.get("ssl")))
                .setStarttls(
                        StartTLSOptions.valueOf((target.get("startTls") == null ? "optional" : target.get("startTls"))
                                .toUpperCase(Locale.ROOT)))
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setKeepAlive(false);
        if (target.get("username") != null) {
            smtp.setUsername(target.get("username"))
                    .setPassword(target.get("password"))
                    .setLogin(LoginOption.REQUIRED);
        } else {
            smtp.setLogin(LoginOption.DISABLED);
        }
        MailClient client = MailClient.create(vertx, smtp);
        try {
            client.sendMail(message)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            client.close();
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
