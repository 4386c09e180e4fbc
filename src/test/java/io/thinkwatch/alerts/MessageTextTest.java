package io.thinkwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Severity;

class MessageTextTest {

    @Test
    void followUpSaysHowManyMoreInTheWindow() {
        // Given a follow-up notification of 37 matches in a 10 minute window
        AlertMessage message = new AlertMessage(
                "n",
                AlertAction.TRIGGER,
                "g",
                PagerDutySenderTest.finding(Severity.WARNING, "a"),
                37,
                true,
                Duration.ofMinutes(10),
                "l",
                PagerDutySenderTest.T);

        // When its count line is made
        // Then it reads as the issue asks
        assertThat(message.countLine()).isEqualTo("and 37 more in the last 10 minutes");
    }

    @Test
    void slackEscapesItsControlCharacters() {
        // Given text with Slack's special characters
        // When it is escaped
        // Then links and mentions cannot be injected
        assertThat(SlackSender.escape("<!channel> & <http://x|y>"))
                .isEqualTo("&lt;!channel&gt; &amp; &lt;http://x|y&gt;");
    }

    @Test
    void emailHtmlEscapesEveryValue() {
        // Given a finding whose rule name carries markup
        var finding = PagerDutySenderTest.finding(Severity.CRITICAL, "<script>alert(1)</script>");
        AlertMessage message = PagerDutySenderTest.message(AlertAction.TRIGGER, finding);

        // When the HTML body is made
        String html = EmailBodies.html(message);

        // Then the markup arrives as text
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void webhookSignatureIsHmacOfTimestampDotBody() {
        // Given a secret, a timestamp and a body
        // When they are signed
        // Then the signature is the hex HMAC-SHA256 of "timestamp.body" (checked with openssl dgst -sha256 -hmac)
        assertThat(WebhookSignature.sign("whsec_test", 1700000000L, "{\"id\":\"n-1\"}"))
                .isEqualTo("v1=" + OPENSSL_HMAC);
    }

    /** {@code printf '1700000000.{"id":"n-1"}' | openssl dgst -sha256 -hmac whsec_test}. */
    static final String OPENSSL_HMAC = "2ad863fe8c1f786b16143d2d66e8a91950eea3c3b46bfc117045cf9e84f9b8af";
}
