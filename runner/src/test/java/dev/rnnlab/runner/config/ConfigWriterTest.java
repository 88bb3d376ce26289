package dev.rnnlab.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ConfigWriterTest {

    static ExperimentSpec bind(String yaml) throws ConfigException {
        return ExperimentBinder.bind((ConfigNode.Mapping) YamlLoader.load("f.yaml", yaml));
    }

    @Test
    void theCanonicalConfigBindsBackToTheSameSpec() throws Exception {
        for (String variant : new String[] {"{kind: adam, lr: 0.01}", "{kind: sgd, lr: 0.5}"}) {
            ExperimentSpec spec = bind(ExperimentBinderTest.BASE.replace("{kind: adam, lr: 0.01}", variant)
                    .replace("{kind: sine}", "{kind: random_walk, scale: 0.02}")
                    + "  clipping: {kind: value, clip_value: 0.5}\n");
            assertEquals(spec, bind(ConfigWriter.write(spec)));
        }
    }

    @Test
    void spellingOrderAndCommentsDoNotChangeTheCanonicalForm() throws Exception {
        String a = ExperimentBinderTest.BASE.replace("lr: 0.01", "lr: 1e-2");
        String b = """
                # same experiment, other order
                training:
                  optimizer: {lr: 0.010, kind: adam}   # trailing zero
                  steps: 100
                model: {hidden: 16, cell: rnn_tanh}
                dataset: {kind: sine}
                name: quick
                """;
        assertEquals(ConfigWriter.write(bind(a)), ConfigWriter.write(bind(b)));
        assertNotEquals(ConfigWriter.write(bind(a)), ConfigWriter.write(bind(a.replace("lr: 1e-2", "lr: 1e-3"))));
    }

    @Test
    void stringsThatYamlWouldReinterpretAreQuoted() {
        assertEquals("native", ConfigWriter.text("native"));
        assertEquals("\"no\"", ConfigWriter.text("no"));
        assertEquals("\"a: b\"", ConfigWriter.text("a: b"));
        assertEquals("\"say \\\"hi\\\"\"", ConfigWriter.text("say \"hi\""));
    }
}
