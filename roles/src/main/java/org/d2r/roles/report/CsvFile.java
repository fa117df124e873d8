package org.d2r.roles.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * The CSV files of a run folder (metrics, evaluations, routing), written and read with Commons CSV: a task name with
 * a comma or a quote is quoted, and read back as one field. Numbers are formatted by the callers (Locale.ROOT).
 */
public final class CsvFile {

    /** RFC 4180 quoting with "\n" line ends, as the files always had (Commons CSV's default ends lines with CRLF). */
    public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    private CsvFile() {}

    public static String fixed4(double v) {
        return String.format(java.util.Locale.ROOT, "%.4f", v); // the run folder's figures: rates, returns, routing shares
    }

    /**
     * A printer that appends to {@code file}, writing {@code header} first when the file is new or empty (a continued
     * run appends under the header it has). The caller flushes after each row it wants on disk.
     */
    public static CSVPrinter append(Path file, List<String> header) throws IOException {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND), FORMAT);
        if (fresh) {
            p.printRecord(header);
            p.flush();
        }
        return p;
    }

    public static void appendRows(Path file, List<String> header, List<? extends Iterable<?>> rows) {
        try (CSVPrinter p = append(file, header)) {
            p.printRecords(rows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": check the run folder is writable", e);
        }
    }

    /**
     * Every row of the file, the header row first; empty when there is no file. A kill can cut the last row short,
     * also inside a quoted field, which a parser takes for an unterminated one: the rows before it are returned.
     */
    public static List<List<String>> read(Path file) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        if (!Files.exists(file)) return rows;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (CSVRecord r : FORMAT.parse(in)) rows.add(r.toList());
        } catch (UncheckedIOException | IllegalStateException e) {
            // an unterminated quoted field at the end of the file: the row a kill cut off
        }
        return rows;
    }
}
