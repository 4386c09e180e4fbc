package io.thinkwatch.keys;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.thinkwatch.capture.CaptureServer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A capture sidecar started while Kafka cannot be reached, with keys required: it checks keys from its first call
 * with the pinned signer, refuses what its file says was revoked, and refuses every bad key with a clear answer.
 */
@QuarkusTest
@TestProfile(CaptureKeysOfflineIT.NoKafka.class)
class CaptureKeysOfflineIT {

    static final KeyPair SIGNER = SignerKeys.generate();
    static final KeyClaims GOOD = new KeyClaims(KeyFormat.newKeyId(), "acme", "bot", null);
    static final KeyClaims REVOKED = new KeyClaims(KeyFormat.newKeyId(), "acme", null, null);
    static final Path KEYS_DIR = Path.of("target", "capture-keys-offline");

    private static final String CHAT = "{\"model\":\"o3\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    /** Capture alone, Kafka on a port that refuses, keys required, the signer pinned, a revocation on disk. */
    public static class NoKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(KEYS_DIR);
                new KeyBookFile(KEYS_DIR, new ObjectMapper())
                        .save(new KeyBook.State(Map.of(), Set.of(REVOKED.keyId()), Set.of()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of(
                    "thinkwatch.roles", "capture,simulator",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/unreachable",
                    "thinkwatch.opensearch.url", "http://127.0.0.1:1",
                    "kafka.bootstrap.servers", "127.0.0.1:1",
                    "thinkwatch.capture.spool.dir", "target/capture-spool-keys-offline",
                    "thinkwatch.capture.require-key", "true",
                    "thinkwatch.capture.keys.dir", KEYS_DIR.toString(),
                    "thinkwatch.capture.keys.signers", SignerKeys.text(SIGNER.getPublic()));
        }
    }

    @Inject
    CaptureServer capture;

    private Response call(String app, String... keys) {
        var request =
                given().port(capture.port()).contentType("application/json").body(CHAT);
        for (String key : keys) {
            request.header("X-Thinkwatch-Key", key);
        }
        if (app != null) {
            request.header("X-Thinkwatch-App", app);
        }
        return request.post("/v1/chat/completions");
    }

    private static String key(KeyClaims claims) {
        return KeyFormat.encode(claims, SIGNER.getPrivate());
    }

    @Test
    void aValidKeyIsAnsweredWithoutKafka() {
        Response answer = call("bot", key(GOOD));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header("X-Thinkwatch-Trace-Id")).isNotBlank();
    }

    @Test
    void aCallWithoutAKeyIsRefusedAndNotForwarded() {
        Response answer = call(null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.jsonPath().getString("error")).isEqualTo("thinkwatch_key_required");
        assertThat(answer.header("X-Thinkwatch-Trace-Id")).isNull();
    }

    @Test
    void aPassThroughPathIsRefusedWithoutAKeyToo() {
        given().port(capture.port())
                .get("/v1/models")
                .then()
                .statusCode(401)
                .body("error", equalTo("thinkwatch_key_required"));
    }

    @Test
    void aKeyRevokedBeforeTheRestartIsStillRefused() {
        Response answer = call(null, key(REVOKED));

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.jsonPath().getString("message")).contains("revoked");
    }

    @Test
    void badKeysAreRefusedNamingTheProblem() {
        String good = key(GOOD);
        assertThat(message(call(null, "sk-proj-123"))).contains("not a Thinkwatch capture key");
        assertThat(message(call(null, "twk_" + "A".repeat(2000)))).contains("longer than any capture key");
        assertThat(message(call(null, good, good))).contains("more than one key");
        char[] tampered = good.toCharArray();
        int at = tampered.length - 10;
        tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
        assertThat(message(call(null, new String(tampered)))).contains("not made by this installation");
        Response otherApp = call("crm", good);
        assertThat(otherApp.statusCode()).isEqualTo(403);
        assertThat(otherApp.asString()).doesNotContain(good);
    }

    @Test
    void ingestNeedsAKeyAndTakesItAsABearerToken() {
        given().port(capture.port())
                .contentType("application/json")
                .body("{\"model\":\"o3\"}")
                .post("/api/v1/traces")
                .then()
                .statusCode(401)
                .body("error", equalTo("thinkwatch_key_required"));
        given().port(capture.port())
                .auth()
                .oauth2(key(GOOD))
                .contentType("application/json")
                .body("{\"model\":\"o3\"}")
                .post("/api/v1/traces")
                .then()
                .statusCode(202);
    }

    private static String message(Response refused) {
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.jsonPath().getString("error")).isEqualTo("thinkwatch_key_invalid");
        return refused.jsonPath().getString("message");
    }
}
