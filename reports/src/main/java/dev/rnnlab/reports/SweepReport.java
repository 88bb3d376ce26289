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
