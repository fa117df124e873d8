package org.d2r.learner.local;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * An append-only CSV file with a fixed header. Rows are flushed as they are written so that a run
 * killed midway still leaves a readable file for plotting.
 */
final class CsvLog implements Closeable {

    private final BufferedWriter out;
    private final int columns;

    CsvLog(Path file, List<String> header) throws IOException {
        this(file, header, List.of());
    }

    /** A new file with {@code header}, then {@code carried} (rows of an earlier file, as written) before any new row. */
    CsvLog(Path file, List<String> header, List<String> carried) throws IOException {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a CSV file needs at least one column");
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        this.columns = header.size();
        writeRow(header.toArray());
        for (String line : carried) {
            out.write(line + "\n");
        }
        out.flush();
    }

    /** Writes one row; numbers are written with a dot decimal separator whatever the locale. */
    void row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values, header has "
                    + columns);
        }
        try {
            writeRow(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRow(Object[] values) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(format(values[i]));
        }
        out.write(sb.append('\n').toString());
        out.flush();
    }

    static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return "nan";
            }
            return String.format(Locale.ROOT, "%.6g", d);
        }
        String s = v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
