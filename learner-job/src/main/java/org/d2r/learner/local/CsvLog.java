package org.d2r.learner.local;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVPrinter;
import org.d2r.roles.report.CsvFile;

/**
 * An append-only CSV file with a fixed header. Rows are flushed as they are written so that a run
 * killed midway still leaves a readable file for plotting.
 */
final class CsvLog implements Closeable {

    private final CSVPrinter out;
    private final int columns;

    CsvLog(Path file, List<String> header) throws IOException {
        this(file, header, List.of());
    }

    /** A new file with {@code header}, then {@code carried} (rows of an earlier file) before any new row. */
    CsvLog(Path file, List<String> header, List<List<String>> carried) throws IOException {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a CSV file needs at least one column");
        }
        this.out = CsvFile.create(file, header);
        this.columns = header.size();
        out.printRecords(carried);
        out.flush();
    }

    /** Writes one row; numbers are written with a dot decimal separator whatever the locale. */
    void row(Object... values) {
        if (values.length != columns) {
            throw new IllegalArgumentException("row has " + values.length + " values, header has "
                    + columns);
        }
        try {
            out.printRecord(Arrays.stream(values).map(CsvLog::format));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return v.toString();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
