package org.d2r.roles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.d2r.roles.report.CsvFile;

/** A run folder's CSV files after a crash: rows past the restored checkpoint belong to a run that no longer exists. */
public final class RunFiles {

    private RunFiles() {}

    /**
     * Keeps the header and the rows whose {@code column} is at most {@code value}: column 0, the update count, for
     * the learner's and the evaluator's files; a local run's evaluations.csv is cut by its environment steps, which a
     * resumed run steps on from. A row cut short by a kill (fewer columns than the header) goes too, so the next row
     * does not run into it.
     *
     * @return the rows dropped (0: the file, if any, is left as it was)
     */
    public static int cutAfter(Path csv, int column, long value) throws IOException {
        List<List<String>> rows = CsvFile.read(csv);
        if (rows.isEmpty()) return 0;
        int columns = rows.get(0).size();
        List<List<String>> kept = new ArrayList<>(List.of(rows.get(0)));
        for (List<String> f : rows.subList(1, rows.size())) {
            try {
                if (f.size() == columns && Long.parseLong(f.get(column)) <= value) kept.add(f);
            } catch (NumberFormatException e) {
                // a half-written row: dropped
            }
        }
        // by lines, not parsed rows: a row the parser could not end (an open quote cut off by the kill) is dropped too
        int dropped = (int) (lineCount(csv) - kept.size());
        if (dropped == 0 && lastByte(csv) == '\n') return 0;
        Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
        try (CSVPrinter p = new CSVPrinter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8), CsvFile.FORMAT)) {
            p.printRecords(kept);
        }
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return dropped;
    }

    /** Lines of the file (a final one without its line end included); no task name here holds a line break. */
    private static long lineCount(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isEmpty()).count();
        }
    }

    private static int lastByte(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, ch.size() - 1);
            return b.get(0);
        }
    }
}
