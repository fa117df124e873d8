package org.d2r.roles.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCsvTest {

    @Test
    void taskNamesWithCommasAndQuotesReadBackAsOneField(@TempDir Path dir) throws Exception {
        List<String> tasks = List.of("pick, place", "say \"hi\"");
        Path file = dir.resolve("evaluations.csv");
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // the rows' decimals are dots whatever the locale
        try {
            EvalCsv csv = new EvalCsv(file);
            csv.append(200, 200, -1, tasks.get(0), 0.25, 1.5, 3);
            csv.append(200, 200, -1, tasks.get(1), 0.75, 2.5, 3);
            csv.append(400, 400, 1000, tasks.get(0), 1.0, 9.0, 5); // an evaluation a kill stopped half-way
        } finally {
            Locale.setDefault(before);
        }
        assertEquals(List.of(EvalCsv.HEADER, "200,200,,\"pick, place\",0.2500,1.5000,3", "200,200,,\"say \"\"hi\"\"\",0.7500,2.5000,3",
                "400,400,1000,\"pick, place\",1.0000,9.0000,5"), Files.readAllLines(file));
        EvalCsv again = new EvalCsv(file); // a continued run: the header is not written twice
        List<SuccessCurve.Point> done = again.completed(tasks);
        assertEquals(1, done.size(), "only the evaluation with every task");
        assertEquals(200, done.get(0).update());
        assertArrayEquals(new double[] {0.25, 0.75}, done.get(0).success());
        assertEquals(5, again.episodesOf(400));
        assertEquals(EvalCsv.HEADER, Files.readAllLines(file).get(0));
        assertEquals(4, Files.readAllLines(file).size());
    }
}
