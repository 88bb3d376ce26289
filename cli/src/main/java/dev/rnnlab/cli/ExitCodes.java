package dev.rnnlab.cli;

/** Exit codes of every command. */
final class ExitCodes {

    static final int OK = 0;
    /** A run or the software failed. */
    static final int FAILURE = 1;
    /** Usage or config error (picocli's own usage errors use the same code). */
    static final int USAGE = 2;

    private ExitCodes() {}
}
