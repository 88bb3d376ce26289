package dev.rnnlab.engine.dl4j;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ND4J's native backend, loaded on first use. JavaCPP unpacks about 400 MB of native libraries into its cache
 * the first time on a machine, which takes a while: one line says so, so the user is not left waiting in silence.
 */
final class Nd4jRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jRuntime.class);

    private Nd4jRuntime() {}

    /** Loads the backend (once per JVM; later calls return at once). */
    static void load() {
        Holder.touch();
    }

    /** "nd4j-native <backend>, BLAS <vendor>, ..." for provenance. */
    static String describe() {
        load();
        return "nd4j-native " + Dl4jEngineProvider.DL4J_VERSION + " (" + Nd4j.getBackend().getClass().getSimpleName()
                + "), BLAS " + Nd4j.factory().blas().getBlasVendor() + ", " + Nd4j.getEnvironment().maxMasterThreads()
                + " thread(s); float32 runs in FLOAT, float64 in DOUBLE";
    }

    private static final class Holder {
        static {
            Path cache = Path.of(System.getProperty("org.bytedeco.javacpp.cachedir",
                    System.getProperty("user.home") + "/.javacpp/cache"));
            if (!Files.isDirectory(cache)) {
                LOG.warn("first use of Deeplearning4j here: unpacking its native libraries (about 400 MB) into {}; "
                        + "this takes a minute, once", cache);
            }
            Nd4j.create(1); // loads the backend
        }

        static void touch() {}
    }
}
