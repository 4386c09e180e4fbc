package io.thinkwatch.alerts;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which URLs a channel may send to: http or https only, and (unless allowed by configuration) no address in
 * loopback, private, link-local, carrier-grade NAT, unique-local or multicast ranges, so a channel cannot be
 * used to reach the inside of the network (SSRF). Checked when a channel is saved and again before each send.
 */
public record TargetPolicy(boolean allowPrivate) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Why this URL may not be a target, or empty when it may. A host that does not resolve yet is accepted. */
    public Optional<String> problem(String url) {
        return check(url, false);
    }

    /** Like {@link #problem} but a host that does not resolve is a problem too (used just before sending). */
    public Optional<String> problemBeforeSend(String url) {
        return check(url, true);
    }

    private Optional<String> check(String url, boolean mustResolve) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            return Optional.of("has no host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return Optional.of("points to a private or loopback address, which is not allowed");
        }
        try {
            boolean literal = IPV4.matcher(bare).matches() || bare.contains(":");
            InetAddress[] addresses =
                    literal ? new InetAddress[] {InetAddress.getByName(bare)} : InetAddress.getAllByName(bare);
            for (InetAddress address : addresses) {
                if (isPrivate(address)) {
                    return Optional.of("points to a private or loopback address, which is not allowed");
                }
            }
        } catch (UnknownHostException e) {
            return mustResolve ? Optional.of("host " + host + " does not resolve") : Optional.empty();
        }
        return Optional.empty();
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240;
        }
        return (b[0] & 0xfe) == 0xfc;
    }
}
