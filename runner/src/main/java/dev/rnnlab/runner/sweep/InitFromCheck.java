package dev.rnnlab.runner.sweep;

import dev.rnnlab.engine.api.checkpoint.Safetensors;
import dev.rnnlab.engine.api.checkpoint.StateDict;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigNode;
import dev.rnnlab.runner.config.ExperimentSpec;
import dev.rnnlab.runner.data.GeneratedData;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a run's {@code model.init.from} file against its model before anything runs: names and shapes in
 * PyTorch's {@code state_dict} layout ({@link StateDict}), the first difference reported at that key. Without
 * this, a file for another model passed {@code validate} and failed at run time with a stack trace. Each file
 * is read once per plan, however many runs share it.
 */
final class InitFromCheck {

    static final String KEY = "model.init.from";

    /** A file's tensors, or why it could not be read. */
    private record Read(List<Tensor> tensors, String error) {}

    private final Map<String, Read> files = new HashMap<>();

    /** The error for this run, or null when it has no such file or the file fits. */
    ConfigError check(ExperimentSpec spec, ConfigNode.Mapping tree) {
        String file = spec.model().init().from();
        if (file == null) {
            return null;
        }
        Read read = files.computeIfAbsent(file, f -> {
            try {
                return new Read(Safetensors.read(java.nio.file.Path.of(f)), null);
            } catch (IOException e) {
                return new Read(null, "cannot read it as safetensors: " + e.getMessage());
            }
        });
        String problem = read.error();
        if (problem == null) {
            int[] widths = GeneratedData.widths(spec.dataset());
            String mismatch = StateDict.mismatch(read.tensors(), StateDict.shapes(spec.model(), widths[0], widths[1]));
            problem = mismatch == null ? null : file + " does not fit the model (" + spec.model().cell().kind().configName()
                    + ", hidden " + spec.model().hidden() + ", " + spec.model().layers() + " layer(s), input " + widths[0]
                    + ", output " + widths[1] + "): " + mismatch;
        }
        return problem == null ? null : new ConfigError(SweepPlanner.locate(tree, KEY), KEY, problem);
    }
}
