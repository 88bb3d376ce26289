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
        ConfigError e = onlyError(yaml.toString());
        assertTrue(e.message().contains("aliases are expanded"), e.message()); // refused by the node budget, unexpanded
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

    @Test
    void limitErrorsPointAtWhatTrippedThem() {
        // SnakeYAML's limit errors carry no position; the loader reports where the parser was.
        StringBuilder aliases = new StringBuilder("a: &x [1, 2]\nb: 0\n");
        for (int i = 0; i < YamlLoader.MAX_ALIASES + 1; i++) {
            aliases.append('k').append(i).append(": *x\n");
        }
        // the alias of line 53 (k50: *x) is the 51st
        ConfigError alias = onlyError(aliases.toString());
        assertTrue(alias.format().startsWith("f.yaml:53:6: invalid YAML: Number of aliases"), alias.format());

        // line 2: the root mapping is level 1, so the 41st '[' (column 3 + 41) is the first collection
        // entered with 41 already open
        ConfigError deep = onlyError("a: 1\nb: " + "[".repeat(200) + "]".repeat(200) + "\n");
        assertTrue(deep.format().startsWith("f.yaml:2:" + (3 + YamlLoader.MAX_NESTING + 1) + ": invalid YAML: Nesting"),
                deep.format());
    }

    @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

    ConfigError fileError(java.nio.file.Path file) {
        ConfigException e = assertThrows(ConfigException.class, () -> YamlLoader.loadFile(file));
        assertEquals(1, e.errors().size(), e.getMessage());
        return e.errors().get(0);
    }

    @Test
    void encodingProblemsAreLocated() throws Exception {
        java.nio.file.Path bad = dir.resolve("bad.yaml");
        java.nio.file.Files.write(bad, new byte[] {'a', ':', ' ', '1', '\n', 'b', ':', ' ', (byte) 0xC3, 0x28, '\n'});
        assertEquals(bad + ":2:4: invalid UTF-8 at byte 8 (is the file UTF-8?)", fileError(bad).format());
        java.nio.file.Path nul = dir.resolve("nul.yaml");
        java.nio.file.Files.write(nul, new byte[] {'a', ':', ' ', 0, '\n'});
        assertEquals(nul + ":1:4: NUL character in the file", fileError(nul).format());
        java.nio.file.Path bom = dir.resolve("bom.yaml");
        java.nio.file.Files.write(bom, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ':', ' ', '1', '\n'});
        assertEquals("1", ((ConfigNode.Scalar) YamlLoader.loadFile(bom).get("a")).text(), "a byte-order mark is fine");
    }

    @Test
    void onlyRegularFilesOfReasonableSizeAreRead() throws Exception {
        assertEquals(dir + ":1:1: not a regular file (a directory, device or pipe)", fileError(dir).format());
        java.nio.file.Path fifo = dir.resolve("fifo.yaml");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (p.waitFor() == 0) {
            assertTrue(fileError(fifo).message().startsWith("not a regular file"), "never blocks on a pipe");
        }
        java.nio.file.Path huge = dir.resolve("huge.yaml");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(50L << 20);
        }
        assertTrue(fileError(huge).message().startsWith("config too large: 52,428,800 bytes"), "checked before reading");
        java.nio.file.Path empty = java.nio.file.Files.writeString(dir.resolve("empty.yaml"), "\n# nothing\n");
        assertEquals(empty + ":1:1: the file is empty", fileError(empty).format());
    }
}
