package io.thinkwatch.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Strimzi's KafkaTopic and KafkaUser, which have no typed model here: their fields are checked against the ones these
 * manifests may use (Strimzi's v1beta2 schema), and the Secrets Strimzi makes for them are named.
 */
final class Strimzi {

    /** Fields allowed at each path of a resource, by kind; "*" under a path allows any key (a map). */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "KafkaTopic",
                    Set.of(
                            "spec",
                            "spec.topicName",
                            "spec.partitions",
                            "spec.replicas",
                            "spec.config",
                            "spec.config.*"),
            "KafkaUser",
                    Set.of(
                            "spec",
                            "spec.authentication",
                            "spec.authentication.type",
                            "spec.authorization",
                            "spec.authorization.type",
                            "spec.authorization.acls",
                            "spec.authorization.acls.resource",
                            "spec.authorization.acls.resource.type",
                            "spec.authorization.acls.resource.name",
                            "spec.authorization.acls.resource.patternType",
                            "spec.authorization.acls.operations",
                            "spec.authorization.acls.host",
                            "spec.quotas",
                            "spec.quotas.*"));

    /** One KafkaTopic. */
    record Topic(String name, int partitions, int replicas, Map<String, String> config) {}

    private Strimzi() {}

    static List<String> unknownFields(GenericKubernetesResource resource) {
        List<String> unknown = new ArrayList<>(UnknownFields.of(resource.getMetadata()));
        if (resource.getMetadata().getLabels() == null
                || !resource.getMetadata().getLabels().containsKey("strimzi.io/cluster")) {
            unknown.add("metadata.labels: strimzi.io/cluster missing, no operator would take it");
        }
        Set<String> allowed = FIELDS.get(resource.getKind());
        resource.getAdditionalProperties().forEach((key, value) -> walk(key, value, allowed, unknown));
        return unknown;
    }

    private static void walk(String path, Object value, Set<String> allowed, List<String> unknown) {
        String parent = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "";
        if (!allowed.contains(path) && !allowed.contains(parent + ".*")) {
            unknown.add(path);
            return;
        }
        if (value instanceof Map<?, ?> map && !allowed.contains(path + ".*")) {
            map.forEach((key, child) -> walk(path + "." + key, child, allowed, unknown));
        } else if (value instanceof List<?> items) {
            items.forEach(item -> walk(path, item, allowed, unknown));
        }
    }

    /** The Secrets Strimzi makes for these resources (each KafkaUser's, each cluster's CA), with their keys. */
    static Map<String, Set<String>> secrets(List<GenericKubernetesResource> resources) {
        Map<String, Set<String>> secrets = new HashMap<>();
        for (GenericKubernetesResource resource : resources) {
            String cluster = resource.getMetadata().getLabels().get("strimzi.io/cluster");
            secrets.put(cluster + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
            if (resource.getKind().equals("KafkaUser")) {
                Object type = resource.get("spec", "authentication", "type");
                secrets.put(
                        resource.getMetadata().getName(),
                        "tls".equals(type)
                                ? Set.of("ca.crt", "user.crt", "user.key", "user.p12", "user.password")
                                : Set.of("password", "sasl.jaas.config"));
            }
        }
        return secrets;
    }

    /** The KafkaTopic resources by the name of their topic. */
    static Map<String, Topic> topics(List<GenericKubernetesResource> resources) {
        Map<String, Topic> topics = new HashMap<>();
        for (GenericKubernetesResource resource : resources) {
            if (resource.getKind().equals("KafkaTopic")) {
                Object named = resource.get("spec", "topicName");
                String name = named == null ? resource.getMetadata().getName() : named.toString();
                Map<String, String> config = new HashMap<>();
                Object settings = resource.get("spec", "config");
                if (settings instanceof Map<?, ?> map) {
                    map.forEach((key, value) -> config.put(key.toString(), value.toString()));
                }
                topics.put(
                        name,
                        new Topic(
                                name,
                                ((Number) resource.get("spec", "partitions")).intValue(),
                                ((Number) resource.get("spec", "replicas")).intValue(),
                                config));
            }
        }
        return topics;
    }
}
