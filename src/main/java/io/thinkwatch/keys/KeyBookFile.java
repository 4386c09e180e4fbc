package io.thinkwatch.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The file a capture instance keeps its {@link KeyBook.State} in, so it knows revocations across a restart. */
public final class KeyBookFile {

    private static final Logger LOG = Logger.getLogger(KeyBookFile.class);

    private final Path file;
    private final ObjectMapper mapper;

    public KeyBookFile(Path dir, ObjectMapper mapper) {
        this.file = dir.resolve("capture-keys.json");
        this.mapper = mapper;
    }

    /** What the last run kept; empty when there is no file, or it cannot be read (logged). */
    public KeyBook.State load() {
        if (!Files.exists(file)) {
            return KeyBook.State.empty();
        }
        try {
            KeyBook.State state = mapper.readValue(file.toFile(), KeyBook.State.class);
            return new KeyBook.State(
                    state.signers() == null ? java.util.Map.of() : state.signers(),
                    state.revoked() == null ? java.util.Set.of() : state.revoked(),
                    state.disabledTenants() == null ? java.util.Set.of() : state.disabledTenants());
        } catch (IOException e) {
            LOG.errorf("Could not read %s, starting without the revocations it held: %s", file, e.toString());
            return KeyBook.State.empty();
        }
    }

    /** Replaces the file in one step, so a crash leaves the old or the new state, never half of one. */
    public void save(KeyBook.State state) throws IOException {
        Files.createDirectories(file.getParent());
        Path next = file.resolveSibling(file.getFileName() + ".next");
        mapper.writeValue(next.toFile(), state);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
