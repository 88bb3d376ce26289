package dev.rnnlab.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the report page: the template with uPlot's CSS and JS, the data island and the page script
 * inlined. The Content Security Policy is {@code default-src 'none'} with a SHA-256 hash per inline
 * script, so the page can neither reach the network nor run any script it was not built with. Every
 * user string reaches the page through the data island and is shown with {@code textContent}.
 */
final class HtmlReport {

    private static final String BASE = "/dev/rnnlab/reports/";
    private static final Pattern SLOT = Pattern.compile("\\{\\{([A-Z_]+)}}");

    private HtmlReport() {}

    static String render(ObjectNode data) {
        String uplotBase = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        String errorHook = resource(BASE + "error-hook.js");
        String uplotJs = resource(uplotBase + "uPlot.iife.min.js");
        String appJs = resource(BASE + "report.js");
        String css = resource(uplotBase + "uPlot.min.css") + "\n" + resource(BASE + "report.css");
        String json;
        try {
            json = HtmlSafeJson.MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report data is always serialisable", e);
        }
        String csp = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src "
                + hash(errorHook) + " " + hash(uplotJs) + " " + hash(appJs);
        // Inline scripts are written with no whitespace around their text: the hashes cover it exactly.
        Map<String, String> slots = Map.of(
                "CSP", csp,
                "TITLE", escapeText("rnnlab: " + data.path("sweep").asText()),
                "CSS", css,
                "ERROR_HOOK", "<script>" + errorHook + "</script>",
                "UPLOT", "<script>" + uplotJs + "</script>",
                "DATA", "<script type=\"application/json\" id=\"report-data\">" + json + "</script>",
                "APP", "<script>" + appJs + "</script>");
        return fill(resource(BASE + "report.html"), slots);
    }

    /**
     * Replaces each {@code {{NAME}}} of the template in one pass, so text inserted into one slot (user
     * strings in the data island, say) is never scanned for further slots.
     */
    static String fill(String template, Map<String, String> slots) {
        Matcher m = SLOT.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = slots.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template slot {{" + m.group(1) + "}} has no value");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String hash(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Escapes text for an HTML text node. */
    static String escapeText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = HtmlReport.class.getResourceAsStream(BASE + "report-assets.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("report-assets.properties is missing from the build", e);
        }
        return p.getProperty("uplot.version");
    }

    private static String resource(String path) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
