package dev.rnnlab.runner.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Run ids: the first 12 hex digits of SHA-256 over the canonical resolved config, so the same
 * configuration always gets the same id, whatever its key order, number spelling or comments.
 */
public final class RunIds {

    public static final int LENGTH = 12;

    private RunIds() {}

    public static String of(String canonicalConfig) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonicalConfig.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
