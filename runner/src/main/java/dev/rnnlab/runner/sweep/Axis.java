package dev.rnnlab.runner.sweep;

import dev.rnnlab.runner.config.ConfigNode;
import dev.rnnlab.runner.config.Location;
import java.util.List;

/** One swept key: a dotted path into the config, and the values it takes in turn. */
public record Axis(String path, Location location, List<ConfigNode> values) {

    public Axis {
        values = List.copyOf(values);
    }
}
