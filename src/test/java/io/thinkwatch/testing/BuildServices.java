package io.thinkwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the Kafka broker and the OpenSearch node the build runs for the ITs, with the scripts the
 * build itself uses (deploy/local), so a test can take a service away and bring it back.
 */
public final class BuildServices {

    private BuildServices() {}

    public static void stopKafka() throws Exception {
        run("kafka", "stop", "it.kafka.state");
    }

    public static void startKafka() throws Exception {
        run("kafka", "start", "it.kafka.state", "it.kafka.port", "it.kafka.controller.port");
    }

    public static void stopOpenSearch() throws Exception {
        run("opensearch", "stop", "it.opensearch.state");
    }

    public static void startOpenSearch() throws Exception {
        run("opensearch", "start", "it.opensearch.state", "it.opensearch.port", "it.opensearch.version");
    }

    /** Runs deploy/local/{service}.sh with the command and the values of the given system properties. */
    private static void run(String service, String command, String... properties) throws Exception {
        List<String> args = new ArrayList<>(List.of("bash", "deploy/local/" + service + ".sh", command));
        for (String property : properties) {
            args.add(System.getProperty(property));
        }
        File log = new File("target/it-" + service + "-restart.log");
        ProcessBuilder builder = new ProcessBuilder(args)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        // A restart on a busy build machine may take minutes; the scripts' own defaults are made for a start.
        builder.environment().put(service.toUpperCase(Locale.ROOT) + "_READY_TIMEOUT", "300");
        Process process = builder.start();
        assertThat(process.waitFor(6, TimeUnit.MINUTES))
                .as("%s.sh %s finished", service, command)
                .isTrue();
        assertThat(process.exitValue())
                .as("%s.sh %s exit code, see %s", service, command, log)
                .isZero();
    }
}
