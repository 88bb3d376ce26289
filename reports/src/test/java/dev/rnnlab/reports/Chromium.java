package dev.rnnlab.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium driven through its command line. Browser tests skip when it is missing, unless
 * {@code RNNLAB_REQUIRE_CHROMIUM=1} (set by .ci/run, which installs it), where they fail instead.
 */
final class Chromium {

    record Result(int exitCode, String stdout, String stderr) {}

    private Chromium() {}

    static Path binary() {
        for (String candidate : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    static boolean available() {
        if (binary() != null) {
            return true;
        }
        if ("1".equals(System.getenv("RNNLAB_REQUIRE_CHROMIUM"))) {
            throw new IllegalStateException("RNNLAB_REQUIRE_CHROMIUM=1 but no chromium in /usr/bin");
        }
        return false;
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(args));
        Path out = workDir.resolve("chromium.out");
        Path err = workDir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("chromium did not finish in 90 s");
        }
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
