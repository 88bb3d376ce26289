package dev.rnnlab.runner.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What produced a sweep: the git commit of the experiment file's repository and whether its tree was
 * dirty, the file's SHA-256, the rnnlab version, the JVM, OS, architecture and host. Collected once per
 * sweep; each run adds its engine, seed, threads and times.
 */
public record Provenance(String gitCommit, Boolean gitDirty, String configSha256, String rnnlabVersion, String jvm,
                         String os, String arch, String host) implements java.io.Serializable {

    /** Git answered nothing (no git, or not a repository). */
    public static final String UNKNOWN = "unknown";

    public static Provenance of(Path configFile, String configText) {
        Path dir = configFile.toAbsolutePath().getParent();
        String commit = git(dir, "rev-parse", "HEAD");
        String status = commit == null ? null : git(dir, "status", "--porcelain", "--untracked-files=no");
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = UNKNOWN;
        }
        String version = Provenance.class.getPackage().getImplementationVersion();
        return new Provenance(commit == null ? UNKNOWN : commit, status == null ? null : !status.isEmpty(),
                sha256(configText), version != null ? version : "dev",
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), System.getProperty("os.arch"),
                host);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("git_commit", gitCommit);
        m.put("git_dirty", gitDirty);
        m.put("config_sha256", configSha256);
        m.put("rnnlab_version", rnnlabVersion);
        m.put("jvm", jvm);
        m.put("os", os);
        m.put("arch", arch);
        m.put("host", host);
        return m;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The trimmed output of a git command in {@code dir}, or null if git is missing or fails. */
    private static String git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
