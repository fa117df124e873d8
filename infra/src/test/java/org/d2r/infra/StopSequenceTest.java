package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopSequenceTest {

    @Test
    void partsThatNeverStartedAreNotReportedStopped(@TempDir Path dir) throws Exception {
        RunLog log = new RunLog(dir);
        new TrainCommand.Session(log).roles.interrupt(); // Ctrl-C before any role started
        log.close();
        String written = Files.readString(dir.resolve("logs/train.log"));
        assertFalse(written.contains("stopped"), written);
    }
}
