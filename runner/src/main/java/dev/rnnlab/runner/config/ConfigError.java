package dev.rnnlab.runner.config;

/** One problem in a config, printed as {@code FILE:LINE:COL: key.path: message}. */
public record ConfigError(Location location, String path, String message) {

    public String format() {
        return location + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
