package io.thinkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.thinkwatch.deploy.Manifests.Manifest;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Topics;

/**
 * The Kubernetes manifests under deploy/kubernetes (base, overlays, examples), read as typed objects and checked for
 * what a reviewer would check: nothing misspelt, selectors that select, probes on the health endpoints, every key a
 * Secret or ConfigMap is asked for exists, every setting is one Thinkwatch reads. No kubectl needed; check.sh renders
 * the overlays with it where it is installed.
 */
class KubernetesManifestsTest {

    /**
     * Variables that are not Quarkus properties: the image's JVM options (JAVA_OPTS, JAVA_OPTS_APPEND, read by its
     * entrypoint), those every JVM reads, and glibc's.
     */
    private static final Set<String> PROCESS_VARIABLES =
            Set.of("JAVA_OPTS", "JAVA_OPTS_APPEND", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "MALLOC_ARENA_MAX");

    /** Secrets no file here holds, with the keys the manifests use; documented where they are used. */
    private static final Map<String, Set<String>> USER_SUPPLIED = Map.of(
            // overlays/opensearch: the CA certificate of the OpenSearch cluster, and the password of its user
            // thinkwatch
            "opensearch-ca",
            Set.of("ca.crt"),
            "opensearch-credentials",
            Set.of("password"),
            // examples/sidecar-app.yaml: the application's capture key, made with kubectl create secret
            "support-bot-thinkwatch",
            Set.of("capture-key"));

    private static Manifests manifests;

    @BeforeAll
    static void load() {
        manifests = Manifests.load();
    }

    @Test
    void everyDocumentIsAKnownKindWithoutUnknownFields() {
        // Given every YAML document under deploy/kubernetes, read as its kind
        // When the fields it did not know are collected
        List<String> unknown = manifests.objects().stream()
                .flatMap(m -> (m.object() instanceof GenericKubernetesResource custom
                                ? Strimzi.unknownFields(custom)
                                : UnknownFields.of(m.object()))
                        .stream().map(field -> m.describe() + ": " + field))
                .toList();
        // Then there are none, and the set holds the base of every role
        assertThat(unknown).isEmpty();
        assertThat(manifests.all(Deployment.class)).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void deploymentSelectorsMatchTheirPodLabels() {
        // Given every Deployment
        // When its selector is compared with its pod template's labels
        // Then it selects its own pods
        for (Deployment deployment : manifests.all(Deployment.class)) {
            assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                    .as("pod labels of %s", deployment.getMetadata().getName())
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
        }
    }

    @Test
    void servicesSelectPodsThatDeclareTheTargetPort() {
        // Given every Service
        for (Service service : manifests.all(Service.class)) {
            // When the Deployments whose pods it selects are found
            List<Deployment> selected = selectedBy(service.getSpec().getSelector());
            // Then there is one, and its containers declare every port the Service sends to
            assertThat(selected)
                    .as("Deployments selected by Service %s", name(service))
                    .hasSize(1);
            List<Container> containers =
                    selected.get(0).getSpec().getTemplate().getSpec().getContainers();
            service.getSpec()
                    .getPorts()
                    .forEach(port -> assertThat(declares(containers, port.getTargetPort()))
                            .as("Service %s port %s", name(service), port.getTargetPort())
                            .isTrue());
        }
    }

    @Test
    void disruptionBudgetsSelectOneDeploymentThatCanLoseAPod() {
        // Given every PodDisruptionBudget
        List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class);
        assertThat(budgets).isNotEmpty();
        for (PodDisruptionBudget budget : budgets) {
            // When the Deployments it selects are found
            List<Deployment> selected =
                    selectedBy(budget.getSpec().getSelector().getMatchLabels());
            // Then it is exactly one, with more replicas than the budget keeps, so a node can still be drained
            assertThat(selected)
                    .as("Deployments selected by PDB %s", name(budget))
                    .hasSize(1);
            IntOrString minAvailable = budget.getSpec().getMinAvailable();
            IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
            if (minAvailable != null && minAvailable.getIntVal() != null) {
                assertThat(selected.get(0).getSpec().getReplicas())
                        .as("replicas under PDB %s", name(budget))
                        .isGreaterThan(minAvailable.getIntVal());
            } else {
                assertThat(maxUnavailable)
                        .as("PDB %s: an integer minAvailable or a maxUnavailable", name(budget))
                        .isNotNull();
                assertThat(maxUnavailable.getIntVal() == null || maxUnavailable.getIntVal() > 0)
                        .as("PDB %s lets a pod go", name(budget))
                        .isTrue();
            }
        }
    }

    @Test
    void thinkwatchContainersProbeTheHealthEndpointsOnADeclaredPort() {
        // Given every container that runs the Thinkwatch image
        for (Deployment deployment : manifests.all(Deployment.class)) {
            for (Container container :
                    thinkwatch(deployment.getSpec().getTemplate().getSpec().getContainers())) {
                String at = name(deployment) + "/" + container.getName();
                // When its probes are read
                // Then liveness asks /q/health/live and readiness /q/health/ready, on a port the container declares
                probe(container, container.getLivenessProbe(), "/q/health/live", at);
                probe(container, container.getReadinessProbe(), "/q/health/ready", at);
                if (container.getStartupProbe() != null) {
                    probe(container, container.getStartupProbe(), "/q/health/live", at);
                }
            }
        }
    }

    @Test
    void everyContainerSetsItsResources() {
        // Given every container of every pod, and every container a patch adds
        for (Manifest manifest : manifests.objects()) {
            if (manifest.object() instanceof Deployment deployment) {
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                for (Container container : containers(pod, manifest.patch())) {
                    // When its resources are read
                    // Then it requests CPU and memory and limits memory
                    var resources = container.getResources();
                    String at = manifest.describe() + " container " + container.getName();
                    assertThat(resources).as(at).isNotNull();
                    assertThat(resources.getRequests()).as(at).containsKeys("cpu", "memory");
                    assertThat(resources.getLimits()).as(at).containsKey("memory");
                }
            }
        }
    }

    @Test
    void podsRunAsNonRootWithoutPrivilegeEscalation() {
        // Given every pod and every container a patch adds
        for (Manifest manifest : manifests.objects()) {
            if (manifest.object() instanceof Deployment deployment) {
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                var podSecurity = Optional.ofNullable(pod.getSecurityContext());
                for (Container container : containers(pod, manifest.patch())) {
                    // Then each container runs as a user other than root, by its own setting or the pod's
                    var own = Optional.ofNullable(container.getSecurityContext());
                    String who = manifest.describe() + " container " + container.getName();
                    assertThat(own.map(s -> s.getRunAsNonRoot())
                                    .or(() -> manifest.patch()
                                            ? Optional.of(true)
                                            : podSecurity.map(s -> s.getRunAsNonRoot()))
                                    .orElse(false))
                            .as("%s runs as non-root", who)
                            .isTrue();
                    own.map(s -> s.getRunAsUser())
                            .or(() -> podSecurity.map(s -> s.getRunAsUser()))
                            .ifPresent(user -> assertThat(user).as(who).isNotZero());
                    if (isThinkwatch(container)) {
                        // And no Thinkwatch container can gain privileges or write its image
                        var security = container.getSecurityContext();
                        String at = manifest.describe() + " container " + container.getName();
                        assertThat(security.getAllowPrivilegeEscalation())
                                .as(at)
                                .isFalse();
                        assertThat(security.getReadOnlyRootFilesystem()).as(at).isTrue();
                        assertThat(security.getCapabilities().getDrop()).as(at).contains("ALL");
                    }
                }
            }
        }
    }

    @Test
    void everyKeyAskedForExistsInTheSet() {
        // Given the ConfigMaps and Secrets of the set, those Strimzi makes for it, and the documented user-supplied
        // ones
        Map<String, Set<String>> configMaps = new HashMap<>();
        manifests.objects().stream()
                .filter(m -> m.object() instanceof ConfigMap)
                .map(m -> (ConfigMap) m.object())
                .forEach(c -> configMaps
                        .computeIfAbsent(name(c), n -> new HashSet<>())
                        .addAll(c.getData().keySet()));
        Map<String, Set<String>> secrets = new HashMap<>(USER_SUPPLIED);
        for (Secret secret : manifests.all(Secret.class)) {
            Set<String> keys = new HashSet<>();
            Optional.ofNullable(secret.getStringData()).ifPresent(data -> keys.addAll(data.keySet()));
            Optional.ofNullable(secret.getData()).ifPresent(data -> keys.addAll(data.keySet()));
            secrets.put(name(secret), keys);
        }
        secrets.putAll(Strimzi.secrets(manifests.all(GenericKubernetesResource.class)));
        // When every reference from an environment variable or a volume is read
        List<String> missing = new ArrayList<>();
        for (Manifest manifest : manifests.objects()) {
            if (manifest.object() instanceof Deployment deployment) {
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                for (Container container : allContainers(pod)) {
                    for (EnvVar env : Optional.ofNullable(container.getEnv()).orElse(List.of())) {
                        var from = env.getValueFrom();
                        if (from != null && from.getSecretKeyRef() != null) {
                            check(
                                    secrets,
                                    from.getSecretKeyRef().getName(),
                                    from.getSecretKeyRef().getKey(),
                                    manifest,
                                    missing);
                        }
                        if (from != null && from.getConfigMapKeyRef() != null) {
                            var ref = from.getConfigMapKeyRef();
                            check(configMaps, ref.getName(), ref.getKey(), manifest, missing);
                        }
                    }
                    Optional.ofNullable(container.getEnvFrom())
                            .orElse(List.of())
                            .forEach(source -> {
                                if (source.getConfigMapRef() != null
                                        && !configMaps.containsKey(
                                                source.getConfigMapRef().getName())) {
                                    missing.add(manifest.describe() + ": ConfigMap "
                                            + source.getConfigMapRef().getName());
                                }
                            });
                }
                for (Volume volume : Optional.ofNullable(pod.getVolumes()).orElse(List.of())) {
                    if (volume.getSecret() != null) {
                        for (var item : volume.getSecret().getItems()) {
                            check(secrets, volume.getSecret().getSecretName(), item.getKey(), manifest, missing);
                        }
                    }
                }
            }
        }
        // Then each key exists
        assertThat(missing).isEmpty();
    }

    @Test
    void everyVariableOfAThinkwatchContainerIsARealSetting() {
        // Given the settings that exist in the code, as environment variable names
        KnownProperties known = KnownProperties.fromCode();
        assertThat(known.size()).isGreaterThan(100);
        // When every variable of a Thinkwatch container is collected, with the keys of the ConfigMaps it reads whole
        Set<String> envFromConfigMaps = new HashSet<>();
        Set<String> variables = new HashSet<>();
        for (Deployment deployment : allDeployments()) {
            for (Container container :
                    thinkwatch(allContainers(deployment.getSpec().getTemplate().getSpec()))) {
                Optional.ofNullable(container.getEnv()).orElse(List.of()).forEach(e -> variables.add(e.getName()));
                Optional.ofNullable(container.getEnvFrom()).orElse(List.of()).stream()
                        .filter(source -> source.getConfigMapRef() != null)
                        .forEach(source ->
                                envFromConfigMaps.add(source.getConfigMapRef().getName()));
            }
        }
        manifests.objects().stream()
                .filter(m -> m.object() instanceof ConfigMap && envFromConfigMaps.contains(name(m.object())))
                .forEach(
                        m -> variables.addAll(((ConfigMap) m.object()).getData().keySet()));
        // Then each names a Quarkus or Thinkwatch property, a Kafka client setting, or a variable of the JVM
        assertThat(variables).contains("THINKWATCH_ROLES", "KAFKA_BOOTSTRAP_SERVERS");
        assertThat(variables.stream()
                        .filter(v -> !PROCESS_VARIABLES.contains(v) && !known.knows(v))
                        .sorted())
                .isEmpty();
    }

    @Test
    void everyRoleRunsWithTheReplicasItSupports() {
        // Given the Deployments of the base
        Map<Role, Integer> replicas = new HashMap<>();
        for (Manifest manifest : manifests.objects()) {
            if (manifest.file().startsWith(Manifests.ROOT.resolve("base"))
                    && manifest.object() instanceof Deployment d) {
                // When their roles are read
                String roles = env(d, "THINKWATCH_ROLES").orElseThrow();
                for (String role : roles.split(",", -1)) {
                    replicas.put(
                            Role.valueOf(role.trim().toUpperCase(java.util.Locale.ROOT)),
                            d.getSpec().getReplicas());
                }
            }
        }
        // Then every role but the simulator has a Deployment of its own, with two instances each
        assertThat(replicas).containsOnlyKeys(Role.CAPTURE, Role.INDEXER, Role.RULES, Role.ALERTS, Role.CONSOLE);
        assertThat(replicas.values()).allMatch(n -> n == 2);
    }

    @Test
    void topicsArePartitionedForTheConsumersAndReplicatedThreeTimes() throws IllegalAccessException {
        // Given the topics Thinkwatch uses, the partitions it makes them with, and the KafkaTopic resources
        Set<String> names = new HashSet<>();
        for (var field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        ConfigMap config = manifests.all(ConfigMap.class).stream()
                .filter(c -> name(c).equals("thinkwatch-config"))
                .findFirst()
                .orElseThrow();
        int partitions = Integer.parseInt(config.getData().get("THINKWATCH_KAFKA_PARTITIONS"));
        assertThat(config.getData()).containsEntry("THINKWATCH_KAFKA_REPLICATION_FACTOR", "3");
        Map<String, Strimzi.Topic> topics = Strimzi.topics(manifests.all(GenericKubernetesResource.class));
        // When they are compared
        // Then every topic has a KafkaTopic, replicated 3 times with 2 in sync, compacted where Thinkwatch compacts it
        assertThat(topics).containsOnlyKeys(names);
        topics.values().forEach(topic -> {
            assertThat(topic.replicas()).as(topic.name()).isEqualTo(3);
            assertThat(topic.config()).as(topic.name()).containsEntry("min.insync.replicas", "2");
        });
        for (String compacted : List.of(Topics.CAPTURE_KEYS, Topics.AUDIT_CHECKPOINTS)) {
            assertThat(topics.get(compacted).partitions()).isEqualTo(1);
            assertThat(topics.get(compacted).config()).containsEntry("cleanup.policy", "compact");
        }
        // And the traces and findings are split evenly between the instances of the indexer and the rule engine
        assertThat(topics.get(Topics.TRACES).partitions()).isEqualTo(partitions);
        assertThat(topics.get(Topics.FINDINGS).partitions()).isEqualTo(partitions);
        for (String consumer : List.of("thinkwatch-indexer", "thinkwatch-rules", "thinkwatch-alerts")) {
            int instances = manifests.all(Deployment.class).stream()
                    .filter(d -> name(d).equals(consumer))
                    .findFirst()
                    .orElseThrow()
                    .getSpec()
                    .getReplicas();
            assertThat(partitions % instances)
                    .as("%d partitions over %d %s", partitions, instances, consumer)
                    .isZero();
        }
    }

    @Test
    void kustomizationsUseFilesThatExistAndPatchObjectsTheyHave() {
        // Given every kustomization
        assertThat(manifests.kustomizations()).hasSizeGreaterThanOrEqualTo(3);
        for (Manifests.Kustomization kustomization : manifests.kustomizations()) {
            // When its resources and patches are resolved
            Manifests.stream(kustomization.tree().path("resources"))
                    .forEach(resource -> assertThat(
                                    Files.exists(kustomization.dir().resolve(resource.asText())))
                            .as("%s: resource %s", kustomization.dir(), resource.asText())
                            .isTrue());
            List<Manifest> resources = Kustomize.resources(kustomization, manifests);
            Manifests.stream(kustomization.tree().path("patches")).forEach(patch -> {
                // Then every patch changes at least one object it has
                List<Manifest> targets = Kustomize.targets(kustomization, patch, resources, manifests);
                assertThat(targets)
                        .as("%s: objects patched by %s", kustomization.dir(), patch)
                        .isNotEmpty();
                // And every volume a patched pod mounts is declared
                targets.forEach(target -> Kustomize.mountedVolumesDeclared(target, kustomization, patch, manifests));
            });
        }
    }

    private static void probe(Container container, Probe probe, String path, String at) {
        assertThat(probe).as("%s: probe for %s", at, path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(at).isEqualTo(path);
        assertThat(declares(List.of(container), probe.getHttpGet().getPort()))
                .as(
                        "%s: port %s of the probe for %s is declared",
                        at, probe.getHttpGet().getPort(), path)
                .isTrue();
    }

    private static boolean declares(List<Container> containers, IntOrString port) {
        return containers.stream()
                .flatMap(c -> Optional.ofNullable(c.getPorts()).orElse(List.of()).stream())
                .anyMatch(p -> port.getIntVal() != null
                        ? port.getIntVal().equals(p.getContainerPort())
                        : port.getStrVal().equals(p.getName()));
    }

    private static List<Deployment> selectedBy(Map<String, String> selector) {
        return manifests.all(Deployment.class).stream()
                .filter(d -> d.getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getLabels()
                        .entrySet()
                        .containsAll(selector.entrySet()))
                .toList();
    }

    /** Deployments and Deployment patches. */
    private static List<Deployment> allDeployments() {
        return manifests.objects().stream()
                .map(Manifest::object)
                .filter(Deployment.class::isInstance)
                .map(Deployment.class::cast)
                .toList();
    }

    /** The containers of a pod; of a patch, those it adds (a patch's container named like one it merges into is not). */
    private static List<Container> containers(PodSpec pod, boolean patch) {
        List<Container> added =
                new ArrayList<>(Optional.ofNullable(pod.getInitContainers()).orElse(List.of()));
        Optional.ofNullable(pod.getContainers()).orElse(List.of()).stream()
                .filter(c -> !patch || c.getImage() != null)
                .forEach(added::add);
        return added;
    }

    private static List<Container> allContainers(PodSpec pod) {
        return Stream.concat(
                        Optional.ofNullable(pod.getInitContainers()).orElse(List.of()).stream(),
                        Optional.ofNullable(pod.getContainers()).orElse(List.of()).stream())
                .toList();
    }

    /** The containers that run Thinkwatch; in a patch, those that merge into one (they carry no image). */
    private static List<Container> thinkwatch(List<Container> containers) {
        return containers.stream().filter(KubernetesManifestsTest::isThinkwatch).toList();
    }

    private static boolean isThinkwatch(Container container) {
        return container.getImage() == null
                ? "thinkwatch".equals(container.getName())
                : container.getImage().replaceFirst(":[^:/]*$", "").matches("(.*/)?thinkwatch");
    }

    private static Optional<String> env(Deployment deployment, String name) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .flatMap(c -> Optional.ofNullable(c.getEnv()).orElse(List.of()).stream())
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .filter(Objects::nonNull)
                .findFirst();
    }

    private static void check(
            Map<String, Set<String>> known, String name, String key, Manifest at, List<String> missing) {
        if (!known.getOrDefault(name, Set.of()).contains(key)) {
            missing.add(at.describe() + ": " + name + "/" + key);
        }
    }

    private static String name(io.fabric8.kubernetes.api.model.HasMetadata object) {
        return object.getMetadata().getName();
    }
}
