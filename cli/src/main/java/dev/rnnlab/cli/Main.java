package dev.rnnlab.cli;

import dev.rnnlab.engine.api.EngineRegistry;
import java.io.PrintWriter;
import picocli.CommandLine;

/** {@code bin/rnnlab}'s entry point. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(EngineRegistry.discover(Main.class.getClassLoader()), out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The command line with its streams and engines injected, as tests use it. */
    public static CommandLine commandLine(EngineRegistry engines, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new RnnlabCommand(), new Factory(engines));
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("rnnlab: internal error: " + ex);
            ex.printStackTrace(line.getErr());
            return ExitCodes.FAILURE;
        });
        return cl;
    }

    /** Hands the engine registry to every command that asks for it. */
    private record Factory(EngineRegistry engines) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(EngineRegistry.class).newInstance(engines);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
