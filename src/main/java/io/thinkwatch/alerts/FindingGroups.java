package io.thinkwatch.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A finding group is one rule's findings for one group key in one tenant, across windows. Its id is stable
 * (PagerDuty's {@code dedup_key}, the webhook's {@code groupId}): {@code tw-} and 32 hex digits of a SHA-256.
 */
public final class FindingGroups {

    private FindingGroups() {}

    public static String id(String tenant, String ruleId, String groupKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((tenant + "\n" + ruleId + "\n" + groupKey).getBytes(StandardCharsets.UTF_8));
            return "tw-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
