package dev.rnnlab.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Entry point: {@code SweepReport.write(sweepDir)} (re)writes {@code sweepDir/report.html}. */
public final class SweepReport {

    public static final String FILE = "report.html";

    private SweepReport() {}

    /**
     * A report comparing two sweeps: their runs side by side, with {@code sweep} as one more swept key
     * (so curves, tables, statistics and maps can group by it). Written to {@code compare-<a>-vs-<b>.html}
     * beside the two sweep directories (in {@code a}'s parent).
     */
    public static Path compare(Path a, Path b) throws ReportException, IOException {
        SweepReader.Sweep sa = SweepReader.read(a);
        SweepReader.Sweep sb = SweepReader.read(b);
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            throw new ReportException("compare needs two different sweep directories, got " + a + " twice");
        }
        String la = sa.name();
        String lb = sb.name().equals(la) ? sb.name() + " (" + b + ")" : sb.name();
        java.util.List<String> axes = new java.util.ArrayList<>(java.util.List.of("sweep"));
        java.util.stream.Stream.concat(sa.axes().stream(), sb.axes().stream()).distinct().forEach(axes::add);
        java.util.List<RunData> runs = new java.util.ArrayList<>();
        for (SweepReader.Sweep s : java.util.List.of(sa, sb)) {
            String label = s == sa ? la : lb;
            for (RunData r : s.runs()) {
                java.util.Map<String, String> swept = new java.util.LinkedHashMap<>();
                swept.put("sweep", label);
                swept.putAll(r.swept());
                runs.add(new RunData(label + "/" + r.id(), runs.size(), swept, r.summary(), r.metrics(), r.timeProfile(),
                        r.layers(), r.recurrent(), r.files()));
            }
        }
        SweepReader.Sweep both = new SweepReader.Sweep(la + " vs " + lb, axes, runs);
        Path dir = a.toAbsolutePath().normalize().getParent();
        String file = "compare-" + safe(sa.name()) + "-vs-" + safe(sb.name()) + ".html";
        Path target = dir.resolve(file);
        Path tmp = Files.createTempFile(dir, "." + file + ".", ".tmp");
        try {
            Files.writeString(tmp, HtmlReport.render(ReportData.build(both)), StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /** A file-name-safe form of a sweep name (names are validated when written, but a directory may hold anything). */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "sweep" : s.substring(0, Math.min(60, s.length()));
    }

    /**
     * Reads the sweep directory and writes its report atomically (temp file and rename), so a reader
     * never sees half a page and a failed write leaves the previous report in place.
     *
     * @return the report's path
     */
    public static Path write(Path sweepDir) throws ReportException, IOException {
        SweepReader.Sweep sweep = SweepReader.read(sweepDir);
        com.fasterxml.jackson.databind.node.ObjectNode data = ReportData.build(sweep);
        String html = HtmlReport.render(data);
        Sidecar.write(sweepDir, sweep, data);
        Path target = sweepDir.resolve(FILE);
        Path tmp = Files.createTempFile(sweepDir, "." + FILE + ".", ".tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}
