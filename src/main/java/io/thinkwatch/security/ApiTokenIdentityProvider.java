package io.thinkwatch.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns an API token into an identity carrying its tenant and roles. Only the tokens {@link BearerTokenMechanism}
 * read: other token requests (the ID token of single sign-on) are left to their own provider.
 */
@ApplicationScoped
public class ApiTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!BearerTokenMechanism.CREDENTIAL_TYPE.equals(request.getToken().getType())) {
            return Uni.createFrom().nullItem();
        }
        String token = request.getToken().getToken();
        return context.runBlocking(() -> {
            ApiToken found = QuarkusTransaction.requiringNew()
                    .call(() -> ApiToken.findByToken(token)
                            .filter(t -> Tenant.isEnabled(t.tenant))
                            .orElseThrow(AuthenticationFailedException::new));
            return identity("token:" + found.name, found.tenant, found.role);
        });
    }

    static SecurityIdentity identity(String name, String tenant, UserRole role) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name))
                .addRoles(role.grants())
                .addAttribute(Caller.TENANT_ATTRIBUTE, tenant)
                .build();
    }
}
