package io.thinkwatch.redaction;

import java.util.function.IntPredicate;

/** The sets of characters the built-in detectors' tokens are made of, for their {@link Reach}. */
final class Chars {

    static final IntPredicate DIGIT = c -> c >= '0' && c <= '9';
    static final IntPredicate ALNUM = DIGIT.or(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
    /** API keys: letters, digits, {@code _} and {@code -}. */
    static final IntPredicate KEY = ALNUM.or(c -> c == '_' || c == '-');
    /** JWTs: a key's characters and the dots between the three parts. */
    static final IntPredicate JWT = KEY.or(c -> c == '.');
    /** The part of an email address before the {@code @}. */
    static final IntPredicate MAILBOX = KEY.or(c -> c == '.' || c == '%' || c == '+');
    /** The part of an email address after the {@code @}. */
    static final IntPredicate DOMAIN = ALNUM.or(c -> c == '.' || c == '-');

    private Chars() {}
}
