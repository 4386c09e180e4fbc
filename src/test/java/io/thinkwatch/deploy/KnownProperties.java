package io.thinkwatch.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import io.smallrye.config.WithUnnamedKey;

/**
 * The configuration properties that exist, as environment variable names (Quarkus reads {@code thinkwatch.capture.port}
 * from {@code THINKWATCH_CAPTURE_PORT}): Thinkwatch's {@code @ConfigMapping} interfaces and {@code @ConfigProperty}
 * names, the keys of application.properties, the {@code @ConfigMapping} roots of the Quarkus extensions on the class
 * path, and Kafka client settings under {@code kafka.} (each Kafka client gets them, {@code KAFKA_SASL_JAAS_CONFIG} is
 * {@code kafka.sasl.jaas.config}).
 */
final class KnownProperties {

    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");

    private final Set<String> exact = new HashSet<>();
    private final List<Pattern> patterns = new ArrayList<>();
    private final Set<String> kafka = new HashSet<>();

    private KnownProperties() {}

    static KnownProperties fromCode() {
        KnownProperties known = new KnownProperties();
        known.thinkwatchSources(Path.of("src/main/java"));
        known.applicationProperties(Path.of("src/main/resources/application.properties"));
        known.quarkusExtensions();
        known.kafkaClients();
        return known;
    }

    /** Whether {@code env} names a property that exists. */
    boolean knows(String env) {
        if (env.startsWith("KAFKA_")) {
            return kafka.contains(
                    env.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'));
        }
        return exact.contains(env)
                || patterns.stream().anyMatch(p -> p.matcher(env).matches());
    }

    int size() {
        return exact.size() + patterns.size();
    }

    private void thinkwatchSources(Path sources) {
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher property = CONFIG_PROPERTY.matcher(text);
                while (property.find()) {
                    add(property.group(1));
                }
                if (CONFIG_MAPPING.matcher(text).find()) {
                    String name = sources.relativize(file)
                            .toString()
                            .replace('/', '.')
                            .replaceAll("\\.java$", "");
                    mapping(Class.forName(name, false, getClass().getClassLoader()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private void applicationProperties(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.stringPropertyNames().forEach(key -> add(key.replaceFirst("^%[^.]+\\.", "")));
    }

    /** The config roots of every Quarkus extension on the class path (each jar with quarkus-extension.properties). */
    private void quarkusExtensions() {
        try {
            for (URL url : Collections.list(
                    getClass().getClassLoader().getResources("META-INF/quarkus-extension.properties"))) {
                if (!"jar".equals(url.getProtocol())) {
                    continue;
                }
                try (JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile()) {
                    for (String entry : jar.stream().map(e -> e.getName()).toList()) {
                        if (entry.startsWith("io/quarkus/") && entry.endsWith("Config.class")) {
                            quarkusMapping(entry.replace('/', '.').replaceAll("\\.class$", ""));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void quarkusMapping(String className) {
        try {
            Class<?> type = Class.forName(className, false, getClass().getClassLoader());
            ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
            if (type.isInterface() && mapping != null && mapping.prefix().startsWith("quarkus.")) {
                mapping(type);
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // A class of an optional part of an extension whose dependencies are not here: no setting of ours.
        }
    }

    private void kafkaClients() {
        kafka.addAll(ProducerConfig.configNames());
        kafka.addAll(ConsumerConfig.configNames());
        kafka.addAll(AdminClientConfig.configNames());
        kafka.addAll(StreamsConfig.configDef().names());
        // Kafka Streams passes topic.<topic setting> to the topics it makes (changelogs, repartition topics).
        for (var field : TopicConfig.class.getFields()) {
            if (field.getName().endsWith("_CONFIG") && field.getType() == String.class) {
                try {
                    kafka.add(StreamsConfig.TOPIC_PREFIX + field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void mapping(Class<?> type) {
        walk(type, type.getAnnotation(ConfigMapping.class).prefix(), new HashSet<>());
    }

    private void walk(Class<?> group, String prefix, Set<Class<?>> seen) {
        if (!seen.add(group)) {
            return;
        }
        for (Method method : group.getMethods()) {
            if (method.getParameterCount() > 0 || Modifier.isStatic(method.getModifiers()) || method.isDefault()) {
                continue;
            }
            String name = method.isAnnotationPresent(WithParentName.class)
                    ? prefix
                    : join(
                            prefix,
                            method.isAnnotationPresent(WithName.class)
                                    ? method.getAnnotation(WithName.class).value()
                                    : kebab(method.getName()));
            value(name, method.getGenericReturnType(), method.isAnnotationPresent(WithUnnamedKey.class), seen);
        }
        seen.remove(group);
    }

    private void value(String name, Type type, boolean unnamedKey, Set<Class<?>> seen) {
        Class<?> raw = raw(type);
        if (raw == Optional.class || Collection.class.isAssignableFrom(raw)) {
            value(name, argument(type, 0), false, seen);
        } else if (Map.class.isAssignableFrom(raw)) {
            value(name + ".*", argument(type, 1), false, seen);
            if (unnamedKey) {
                value(name, argument(type, 1), false, seen);
            }
        } else if (raw.isInterface() && raw.getName().startsWith("io.") && !raw.isAnnotation()) {
            walk(raw, name, seen);
        } else {
            add(name);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return type instanceof Class<?> c ? c : Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : String.class;
    }

    private void add(String property) {
        if (property.contains("*")) {
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < property.length(); i++) {
                char c = property.charAt(i);
                regex.append(c == '*' ? "[A-Z0-9_]+" : String.valueOf(env(c)));
            }
            patterns.add(Pattern.compile(regex.toString()));
        } else {
            exact.add(env(property));
        }
    }

    /** The environment variable of a property name: each character other than a letter or digit becomes _. */
    static String env(String property) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < property.length(); i++) {
            out.append(env(property.charAt(i)));
        }
        return out.toString();
    }

    private static char env(char c) {
        return Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_';
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : name.isEmpty() ? prefix : prefix + "." + name;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
