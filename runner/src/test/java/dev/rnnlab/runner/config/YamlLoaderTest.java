package dev.rnnlab.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlLoaderTest {

    static ConfigError onlyError(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> YamlLoader.load("f.yaml", yaml));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0);
    }

    @Test
    void keepsLineAndColumnOfEveryNode() throws Exception {
        ConfigNode.Mapping root = (ConfigNode.Mapping) YamlLoader.load("f.yaml", "a: 1\nb:\n  c: [x, 'y']\n");
        assertEquals(new Location("f.yaml", 1, 4), root.get("a").location());
        ConfigNode.Sequence c = (ConfigNode.Sequence) ((ConfigNode.Mapping) root.get("b")).get("c");
        assertEquals(new Location("f.yaml", 3, 6), c.location());
        ConfigNode.Scalar y = (ConfigNode.Scalar) c.items().get(1);
        assertEquals("y", y.text());
        assertTrue(y.quoted());
        assertEquals(new Location("f.yaml", 3, 10), y.location());
    }

    @Test
    void scalarsKeepTheirTextSoYaml11ConversionsNeverHappen() throws Exception {
        ConfigNode.Mapping root = (ConfigNode.Mapping) YamlLoader.load("f.yaml", "a: no\nb: 0755\nc: 1:30\nd: .nan\n");
        assertEquals(List.of("no", "0755", "1:30", ".nan"), root.entries().values().stream()
                .map(e -> ((ConfigNode.Scalar) e.value()).text()).toList());
    }

    @Test
    void duplicateKeysAreErrorsNamingBothLocations() {
        ConfigError e = onlyError("model:\n  hidden: 8\n  hidden: 16\n");
        assertEquals("f.yaml:3:3: model.hidden: duplicate key, first defined at f.yaml:2:3", e.format());
    }

    @Test
    void globalTagsAreRefusedWithALocation() {
        ConfigError e = onlyError("name: x\nengine: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n");
        assertEquals(2, e.location().line());
        assertTrue(e.message().contains("tag"), e.message());
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        ConfigError e = onlyError(yaml.toString());
        assertTrue(e.message().toLowerCase().contains("alias"), e.message());
    }

    @Test
    void aliasAmplificationUnderTheAliasLimitIsStillRefused() {
        // 6 levels of 9 aliases each (54 > 50 would trip the alias limit, so use 5 x 9 = 45): 9^5 = 59049
        // leaves per top node, x 9 at the root: over the node budget, though every alias count is small.
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'f'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        long start = System.nanoTime();
        ConfigError e = onlyError(yaml.toString());
        assertTrue(e.message().contains("aliases are expanded"), e.message());
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "refused quickly");
    }

    @Test
    void syntaxErrorsPointAtTheProblem() {
        ConfigError e = onlyError("a: [1, 2\nb: 3\n");
        assertTrue(e.format().startsWith("f.yaml:"), e.format());
        assertTrue(e.message().startsWith("invalid YAML"), e.message());
    }

    @Test
    void anEmptyDocumentIsAnEmptyMapping() throws Exception {
        assertInstanceOf(ConfigNode.Mapping.class, YamlLoader.load("f.yaml", "# nothing\n"));
    }

    @Test
    void deepNestingIsRefused() {
        String yaml = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
        ConfigError e = onlyError(yaml);
        assertTrue(e.message().toLowerCase().contains("nest"), e.message());
    }
}
