package dev.rnnlab.runner.config;

/**
 * Where a value came from: a file (1-based line and column) or the command line ({@code <cli>}, where
 * the line is the override's position among the overrides).
 */
public record Location(String source, int line, int column) {

    public static final String CLI = "<cli>";

    @Override
    public String toString() {
        return source + ":" + line + ":" + column;
    }
}
