package dev.rnnlab.runner.store;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CSV file created on its first row (so a run without detail telemetry has no empty detail files),
 * written line by line and flushed per line, so a crash loses at most the line being written.
 */
final class CsvAppender implements Closeable {

    private final Path file;
    private final String header;
    private final boolean append;
    private BufferedWriter out;

    CsvAppender(Path file, String header) {
        this(file, header, false);
    }

    /** With {@code append}, rows go after an existing file's (a resumed run); else the file starts afresh. */
    CsvAppender(Path file, String header, boolean append) {
        this.file = file;
        this.header = header;
        this.append = append;
    }

    void row(Object... cells) {
        try {
            if (out == null) {
                boolean continuing = append && Files.exists(file);
                out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(file.toFile(), continuing),
                        StandardCharsets.UTF_8)); // not interruptible, unlike a FileChannel
                if (!continuing) {
                    out.write(header);
                    out.write('\n');
                }
            }
            for (int i = 0; i < cells.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(String.valueOf(cells[i]));
            }
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
