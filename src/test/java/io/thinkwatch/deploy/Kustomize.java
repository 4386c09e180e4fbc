package io.thinkwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.thinkwatch.deploy.Manifests.Kustomization;
import io.thinkwatch.deploy.Manifests.Manifest;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a kustomization is made of and what its patches hit, resolved the way kustomize does for the features these
 * overlays use (resources as files or folders, patches by name or by kind and label selector); check.sh renders them
 * with kustomize itself where kubectl is installed.
 */
final class Kustomize {

    private static final Pattern IN = Pattern.compile("([\\w./-]+)\\s+in\\s+\\(([^)]*)\\)");

    private Kustomize() {}

    /** The objects a kustomization starts from: its resource files, and the resources of the folders it names. */
    static List<Manifest> resources(Kustomization kustomization, Manifests manifests) {
        List<Manifest> objects = new ArrayList<>();
        Manifests.stream(kustomization.tree().path("resources")).forEach(resource -> {
            Path path = kustomization.dir().resolve(resource.asText()).normalize();
            if (Files.isDirectory(path)) {
                manifests.kustomizations().stream()
                        .filter(k -> k.dir().normalize().equals(path))
                        .forEach(k -> objects.addAll(resources(k, manifests)));
            } else {
                manifests.objects().stream()
                        .filter(m -> m.file().normalize().equals(path))
                        .forEach(objects::add);
            }
        });
        return objects;
    }

    /** The objects of {@code resources} that {@code patch} changes. */
    static List<Manifest> targets(
            Kustomization kustomization, JsonNode patch, List<Manifest> resources, Manifests manifests) {
        JsonNode target = patch.path("target");
        if (target.isMissingNode()) {
            Manifest patchDoc = patchDocument(kustomization, patch, manifests);
            return resources.stream()
                    .filter(m -> m.object().getKind().equals(patchDoc.object().getKind())
                            && m.object()
                                    .getMetadata()
                                    .getName()
                                    .equals(patchDoc.object().getMetadata().getName()))
                    .toList();
        }
        return resources.stream()
                .filter(m -> !target.has("kind")
                        || m.object().getKind().equals(target.path("kind").asText()))
                .filter(m -> !target.has("name")
                        || m.object()
                                .getMetadata()
                                .getName()
                                .equals(target.path("name").asText()))
                .filter(m -> !target.has("labelSelector")
                        || selects(
                                target.path("labelSelector").asText(),
                                m.object().getMetadata().getLabels()))
                .toList();
    }

    /** Fails unless every volume the patched pod's containers mount is declared by the pod or by the patch. */
    static void mountedVolumesDeclared(
            Manifest target, Kustomization kustomization, JsonNode patch, Manifests manifests) {
        Manifest patchDoc = patchDocument(kustomization, patch, manifests);
        if (!(target.object() instanceof Deployment deployment) || !(patchDoc.object() instanceof Deployment change)) {
            return;
        }
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        PodSpec added = change.getSpec().getTemplate().getSpec();
        Set<String> volumes = new HashSet<>();
        for (PodSpec spec : List.of(pod, added)) {
            Optional.ofNullable(spec.getVolumes()).orElse(List.of()).stream()
                    .map(Volume::getName)
                    .forEach(volumes::add);
        }
        for (PodSpec spec : List.of(pod, added)) {
            for (Container container : containers(spec)) {
                for (VolumeMount mount :
                        Optional.ofNullable(container.getVolumeMounts()).orElse(List.of())) {
                    assertThat(volumes)
                            .as(
                                    "%s patched by %s: volume of mount %s",
                                    target.describe(), patchDoc.file(), mount.getMountPath())
                            .contains(mount.getName());
                }
            }
        }
    }

    private static List<Container> containers(PodSpec spec) {
        List<Container> all =
                new ArrayList<>(Optional.ofNullable(spec.getContainers()).orElse(List.of()));
        all.addAll(Optional.ofNullable(spec.getInitContainers()).orElse(List.of()));
        return all;
    }

    private static Manifest patchDocument(Kustomization kustomization, JsonNode patch, Manifests manifests) {
        Path file = kustomization.dir().resolve(patch.path("path").asText()).normalize();
        return manifests.objects().stream()
                .filter(m -> m.file().normalize().equals(file))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kustomization.dir() + ": patch " + file + " holds no object"));
    }

    /** A label selector of the forms {@code k=v}, {@code k!=v} and {@code k in (a,b)}, joined by commas. */
    static boolean selects(String selector, Map<String, String> labels) {
        Map<String, String> have = labels == null ? Map.of() : labels;
        Matcher in = IN.matcher(selector);
        StringBuilder rest = new StringBuilder();
        while (in.find()) {
            Set<String> values = new HashSet<>(
                    Arrays.stream(in.group(2).split(",", -1)).map(String::trim).toList());
            if (!values.contains(have.get(in.group(1)))) {
                return false;
            }
            in.appendReplacement(rest, "");
        }
        in.appendTail(rest);
        for (String term : rest.toString().split(",", -1)) {
            String t = term.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (t.contains("!=")) {
                String[] kv = t.split("!=", 2);
                if (kv[1].trim().equals(have.get(kv[0].trim()))) {
                    return false;
                }
            } else if (t.contains("=")) {
                String[] kv = t.split("==?", 2);
                if (!kv[1].trim().equals(have.get(kv[0].trim()))) {
                    return false;
                }
            } else if (!have.containsKey(t)) {
                return false;
            }
        }
        return true;
    }
}
