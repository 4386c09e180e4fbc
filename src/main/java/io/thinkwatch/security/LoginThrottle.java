package io.thinkwatch.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slows down password guessing. After a number of failed sign-ins for one user name, or from one source address,
 * each further try for it waits: 1 s after the first failure over the allowance, then twice as long each time, up
 * to 5 minutes. A success clears the user name's count (not the source's); counts are forgotten 15 minutes after
 * their last failure. Kept in memory, per console instance: a restart or another instance starts counting anew.
 */
@ApplicationScoped
public class LoginThrottle {

    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration MAX_WAIT = Duration.ofMinutes(5);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);

    /** Failures of one user name or one source so far, and when the last one was. */
    record Failures(int count, Instant last) {

        Failures plus(Instant at) {
            return new Failures(count + 1, at);
        }

        /** When the next try is allowed, with {@code free} failures allowed before any wait. */
        Instant nextTry(int free) {
            int over = count - free - 1;
            if (over < 0) {
                return Instant.MIN;
            }
            Duration wait = over >= 20 ? MAX_WAIT : FIRST_WAIT.multipliedBy(1L << over);
            return last.plus(wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait);
        }
    }

    private final Clock clock;
    private final int freePerUser;
    private final int freePerSource;
    private final Cache<String, Failures> users;
    private final Cache<String, Failures> sources;

    @Inject
    public LoginThrottle(
            @ConfigProperty(name = "thinkwatch.console.login.free-failures-per-user", defaultValue = "5")
                    int freePerUser,
            @ConfigProperty(name = "thinkwatch.console.login.free-failures-per-source", defaultValue = "20")
                    int freePerSource) {
        this(Clock.systemUTC(), freePerUser, freePerSource);
    }

    LoginThrottle(Clock clock, int freePerUser, int freePerSource) {
        this.clock = clock;
        this.freePerUser = freePerUser;
        this.freePerSource = freePerSource;
        this.users = cache(clock);
        this.sources = cache(clock);
    }

    private static Cache<String, Failures> cache(Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(FORGET_AFTER)
                .ticker(() -> clock.millis() * 1_000_000L)
                .build();
    }

    /** How long a try for {@code user} from {@code source} must still wait; empty when it may go ahead now. */
    public Optional<Duration> waitFor(String user, String source) {
        Instant now = clock.instant();
        user = user == null ? "" : user;
        source = source == null ? "" : source;
        Instant next = later(nextTry(users, user, freePerUser), nextTry(sources, source, freePerSource));
        return next.isAfter(now) ? Optional.of(Duration.between(now, next)) : Optional.empty();
    }

    /** Counts a failed try; true when it is the one that starts the waiting for this user name or source. */
    public boolean failed(String user, String source) {
        Instant now = clock.instant();
        user = user == null ? "" : user;
        source = source == null ? "" : source;
        Failures user1 = users.asMap().merge(user, new Failures(1, now), (old, first) -> old.plus(now));
        Failures source1 = sources.asMap().merge(source, new Failures(1, now), (old, first) -> old.plus(now));
        return user1.count() == freePerUser + 1 || source1.count() == freePerSource + 1;
    }

    public void succeeded(String user) {
        users.invalidate(user);
    }

    private static Instant nextTry(Cache<String, Failures> cache, String key, int free) {
        Failures failures = cache.getIfPresent(key);
        return failures == null ? Instant.MIN : failures.nextTry(free);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
