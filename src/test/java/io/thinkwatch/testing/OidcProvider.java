package io.thinkwatch.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A real OpenID Connect provider (NAV's mock-oauth2-server) on the build's {@code it.oidc.port}, for the tests that
 * sign in through single sign-on. Its login page is interactive: a browser types any user name and the claims its
 * tokens should carry, so each test chooses its own tenant and role at the provider.
 */
public final class OidcProvider implements QuarkusTestResourceLifecycleManager {

    /** The issuer's path on the provider. */
    public static final String ISSUER = "idp";

    public static final String CLIENT_ID = "thinkwatch-console";

    private MockOAuth2Server server;

    @Override
    public Map<String, String> start() {
        int port = Integer.getInteger("it.oidc.port");
        server = new MockOAuth2Server(new OAuth2Config(true));
        try {
            server.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "quarkus.oidc.auth-server-url",
                server.issuerUrl(ISSUER).toString(),
                "quarkus.oidc.client-id",
                CLIENT_ID,
                "quarkus.oidc.credentials.secret",
                "it-oidc-client-secret");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
        }
    }
}
