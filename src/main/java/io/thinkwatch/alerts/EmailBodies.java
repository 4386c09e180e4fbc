package io.thinkwatch.alerts;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;

/** The plain-text and HTML bodies of an alert email; every value in the HTML is escaped. */
final class EmailBodies {

    private EmailBodies() {}

    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }

    static String text(AlertMessage message) {
        StringBuilder out = new StringBuilder(message.title())
                .append("\n\n")
                .append(message.countLine())
                .append("\n\n");
        for (Texts.Fact fact : Texts.facts(message)) {
            out.append(fact.label()).append(": ").append(fact.value()).append('\n');
        }
        return out.append("\nOpen in Thinkwatch: ")
                .append(message.link())
                .append('\n')
                .toString();
    }

    static String html(AlertMessage message) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">")
                .append("<h2>")
                .append(escapeHtml4(message.title()))
                .append("</h2>")
                .append("<p><strong>")
                .append(escapeHtml4(message.countLine()))
                .append("</strong></p><table>");
        for (Texts.Fact fact : Texts.facts(message)) {
            out.append("<tr><th align=\"left\">")
                    .append(escapeHtml4(fact.label()))
                    .append("</th><td>")
                    .append(escapeHtml4(fact.value()))
                    .append("</td></tr>");
        }
        return out.append("</table><p><a href=\"")
                .append(escapeHtml4(message.link()))
                .append("\">Open in Thinkwatch</a></p></body></html>")
                .toString();
    }
}
