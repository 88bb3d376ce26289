package dev.rnnlab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test configs written to files, and the quick-start config as a base. */
public final class Configs {

    public static final String VALID = """
            name: sine-quickstart
            seed: 1
            engine: native
            dataset: {kind: sine, seq_len: 50, train_size: 1000, val_size: 200}
            model: {cell: rnn_tanh, hidden: 16, layers: 1}
            training:
              steps: 2000
              batch_size: 16
              eval_every: 100
              optimizer: {kind: adam, lr: 0.01}
              clipping: {kind: global_norm, max_norm: 1.0}
            sweep:
              grid:
                model.hidden: [8, 16, 32]
                training.optimizer.lr: [0.01, 0.001]
            """;

    private Configs() {}

    public static Path write(Path dir, String name, String yaml) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
