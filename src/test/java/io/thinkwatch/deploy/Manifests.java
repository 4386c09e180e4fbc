package io.thinkwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Every YAML document under deploy/kubernetes, read as the Kubernetes object its apiVersion and kind name. Kustomization
 * files are kept as trees; the documents they use as patches are marked, since a patch is a part of an object.
 */
record Manifests(List<Manifest> objects, List<Kustomization> kustomizations) {

    static final Path ROOT = Path.of("deploy/kubernetes");

    static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** The kinds these manifests may use; a kind outside this list is a mistake or needs a check of its own. */
    private static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/Namespace", Namespace.class,
            "v1/Pod", Pod.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class);

    /** Strimzi's custom resources: no typed model here, their fields are checked by hand. */
    static final List<String> STRIMZI =
            List.of("kafka.strimzi.io/v1beta2/KafkaTopic", "kafka.strimzi.io/v1beta2/KafkaUser");

    /** One document: the object, the file it is in, and whether a kustomization uses the file as a patch. */
    record Manifest(Path file, HasMetadata object, boolean patch) {
        String describe() {
            return object.getKind() + " " + object.getMetadata().getName() + " (" + file + ")";
        }
    }

    /** A kustomization.yaml and its folder. */
    record Kustomization(Path dir, JsonNode tree) {}

    static Manifests load() {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            files = walk.filter(
                            p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Kustomization> kustomizations = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().equals("kustomization.yaml")) {
                kustomizations.add(
                        new Kustomization(file.getParent(), documents(file).get(0)));
            }
        }
        List<Path> patches = kustomizations.stream()
                .flatMap(k -> stream(k.tree().path("patches"))
                        .map(p -> k.dir().resolve(p.path("path").asText()).normalize()))
                .toList();
        List<Manifest> objects = new ArrayList<>();
        for (Path file : files) {
            if (!file.getFileName().toString().equals("kustomization.yaml")) {
                for (JsonNode doc : documents(file)) {
                    objects.add(new Manifest(file, typed(file, doc), patches.contains(file.normalize())));
                }
            }
        }
        return new Manifests(List.copyOf(objects), List.copyOf(kustomizations));
    }

    /** The complete objects (not patches) of one kind. */
    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream()
                .filter(m -> !m.patch() && kind.isInstance(m.object()))
                .map(m -> kind.cast(m.object()))
                .toList();
    }

    static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    static List<JsonNode> documents(Path file) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> out = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    out.add(doc);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static HasMetadata typed(Path file, JsonNode doc) {
        String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        try {
            if (STRIMZI.contains(type)) {
                return YAML.treeToValue(doc, GenericKubernetesResource.class);
            }
            Class<? extends HasMetadata> kind = TYPED.get(type);
            if (kind == null) {
                throw new AssertionError(file + ": " + type + " is not a kind these manifests are checked for");
            }
            return YAML.treeToValue(doc, kind);
        } catch (IOException e) {
            throw new AssertionError(file + ": not a valid " + type + ": " + e.getMessage(), e);
        }
    }
}
