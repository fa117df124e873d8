package org.d2r.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {

    @Test
    void rowsPastTheCheckpointAndAHalfWrittenRowGo(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("evaluations.csv");
        Files.writeString(csv, "update,task,success\n0,reach-v2,0.1\n200,reach-v2,0.5\n400,reach-v2,0.7\n600,rea");
        assertEquals(2, RunFiles.cutAfter(csv, 0, 200), "400 and the row the kill cut short");
        assertEquals(List.of("update,task,success", "0,reach-v2,0.1", "200,reach-v2,0.5"), Files.readAllLines(csv));
        assertEquals(0, RunFiles.cutAfter(csv, 0, 200), "nothing more to cut");
        assertEquals(0, RunFiles.cutAfter(dir.resolve("none.csv"), 0, 5));
    }

    @Test
    void aQuotedTaskNameIsOneFieldAndARowCutInsideItsQuotesGoes(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("evaluations.csv");
        Files.writeString(csv, "update,task,success\n0,\"pick, place\",0.1\n200,\"say \"\"hi\"\"\",0.5\n400,\"pick, pl");
        assertEquals(1, RunFiles.cutAfter(csv, 0, 400), "the row the kill cut inside its quotes");
        assertEquals(List.of("update,task,success", "0,\"pick, place\",0.1", "200,\"say \"\"hi\"\"\",0.5"),
                Files.readAllLines(csv));
    }
}
