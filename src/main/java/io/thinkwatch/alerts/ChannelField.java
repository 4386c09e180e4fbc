package io.thinkwatch.alerts;

/**
 * One setting of a channel kind. Secret settings are stored encrypted and never returned by the API.
 *
 * @param name its JSON name under {@code settings}
 * @param type what a valid value looks like
 * @param secret stored encrypted, shown only as a hint
 * @param required must be given when the channel is created
 */
public record ChannelField(String name, Type type, boolean secret, boolean required) {

    /** What a valid value looks like. */
    public enum Type {
        TEXT,
        URL,
        EMAIL,
        EMAILS,
        PORT,
        BOOLEAN,
        STARTTLS
    }

    static ChannelField secret(String name, Type type, boolean required) {
        return new ChannelField(name, type, true, required);
    }

    static ChannelField plain(String name, Type type, boolean required) {
        return new ChannelField(name, type, false, required);
    }
}
