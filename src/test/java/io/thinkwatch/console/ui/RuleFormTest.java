package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.thinkwatch.rules.RuleDefinition;

class RuleFormTest {

    @Test
    void yamlParamsListsAndBlanksBecomeADefinition() {
        RuleForm form = new RuleForm(
                " Slow ",
                "",
                "latency_above",
                "thresholdMs: 5000",
                "checkout",
                "",
                "",
                "critical",
                "app, model",
                "1h",
                "pager,  ",
                false);
        List<String> problems = new ArrayList<>();
        RuleDefinition d = form.definition(problems);
        assertThat(problems).isEmpty();
        assertThat(d.name()).isEqualTo("Slow");
        assertThat(d.description()).isNull();
        assertThat(d.params().get("thresholdMs").asInt()).isEqualTo(5000);
        assertThat(d.scope()).isEqualTo(new RuleDefinition.Scope("checkout", null, null));
        assertThat(d.groupBy()).containsExactly("app", "model");
        assertThat(d.channels()).containsExactly("pager");
        assertThat(d.enabled()).isFalse();
    }

    @Test
    void unreadableParamsAreNamed() {
        List<String> problems = new ArrayList<>();
        new RuleForm("x", "", "latency_above", "thresholdMs: [1", "", "", "", "warning", "", "", "", true)
                .definition(problems);
        assertThat(problems).singleElement().asString().startsWith("params: not valid YAML or JSON");
    }

    @Test
    void jsonParamsAreYamlToo() {
        List<String> problems = new ArrayList<>();
        RuleDefinition d = new RuleForm(
                        "x",
                        "",
                        "content_match",
                        "{\"pattern\": \"sk-[a-z]+\", \"ignoreCase\": true}",
                        "",
                        "",
                        "",
                        "warning",
                        "",
                        "",
                        "",
                        true)
                .definition(problems);
        assertThat(problems).isEmpty();
        assertThat(d.params().get("ignoreCase").asBoolean()).isTrue();
    }
}
