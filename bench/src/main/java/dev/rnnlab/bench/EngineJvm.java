package dev.rnnlab.bench;

/**
 * The JVM options every benchmark fork runs the engine with, as {@code bin/rnnlab} does: the Vector API
 * module, and the sigmoid loop kept out of line (inlined into the LSTM step it boxes its vectors in most
 * launches; docs/performance.md, "JIT pitfalls"). Constants, so {@code @Fork} annotations can use them.
 */
final class EngineJvm {

    static final String ADD_MODULES = "--add-modules";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    static final String QUIET = "-XX:CompileCommand=quiet";
    static final String SIGMOID_OUT_OF_LINE =
            "-XX:CompileCommand=dontinline,dev.rnnlab.engine.bptt.math.VectorPointwise::sigmoidLoop";
    /** The collector {@code bin/rnnlab} uses unless {@code RNNLAB_JAVA_OPTS} says otherwise. */
    static final String GC = "-XX:+UseParallelGC";

    private EngineJvm() {}
}
