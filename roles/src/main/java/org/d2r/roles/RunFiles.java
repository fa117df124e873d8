package org.d2r.roles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** A run folder's CSV files after a crash: rows past the restored checkpoint belong to a run that no longer exists. */
public final class RunFiles {

    private RunFiles() {}

    /**
     * Keeps the header and the rows whose first column (the update count) is at most {@code update}; a row cut
     * short by a kill (fewer columns than the header) goes too, so the next row does not run into it.
     *
     * @return the rows dropped (0: the file, if any, is left as it was)
     */
    public static int cutAfterUpdate(Path csv, long update) throws IOException {
        if (!Files.exists(csv)) return 0;
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) return 0;
        int columns = lines.get(0).split(",", -1).length;
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            try {
                if (f.length == columns && Long.parseLong(f[0]) <= update) kept.add(line);
            } catch (NumberFormatException e) {
                // a half-written row: dropped
            }
        }
        boolean endsCleanly = Files.size(csv) == 0 || lastByte(csv) == '\n';
        int dropped = lines.size() - kept.size();
        if (dropped == 0 && endsCleanly) return 0;
        Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
        Files.writeString(tmp, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return dropped;
    }

    private static int lastByte(Path file) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
            ch.read(b, ch.size() - 1);
            return b.get(0);
        }
    }
}
