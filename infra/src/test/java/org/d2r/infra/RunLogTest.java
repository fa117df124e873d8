package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class RunLogTest {

    @Test
    void progressGoesBareToTheTerminalAndStampedToTrainLogLibrariesToTheirOwnFile(@TempDir Path dir) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        RunLog log = new RunLog(dir);
        try {
            log.say("train: hello");
            LoggerFactory.getLogger("org.apache.kafka.clients.Something").warn("a library warning");
        } finally {
            log.close();
            System.setOut(out);
        }
        assertEquals("train: hello" + System.lineSeparator(), terminal.toString(StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(dir.resolve("logs/train.log"));
        assertEquals(1, lines.size(), lines.toString());
        String[] parts = lines.get(0).split(" ", 2);
        Instant.parse(parts[0]); // the stamp an Instant reads back
        assertEquals("train: hello", parts[1]);
        try (Stream<Path> s = Files.list(dir.resolve("logs"))) {
            Path libraries = s.filter(p -> p.getFileName().toString().startsWith("libraries-")).findFirst().orElseThrow();
            String text = Files.readString(libraries);
            assertTrue(text.contains("WARN") && text.contains("a library warning"), text);
            assertFalse(text.contains("train: hello"), text);
        }
    }

    @Test
    void aContinuedRunAppendsToTheSameTrainLog(@TempDir Path dir) throws Exception {
        try (RunLog first = new RunLog(dir)) {
            first.say("first start");
        }
        try (RunLog second = new RunLog(dir)) {
            second.warn("second start");
        }
        List<String> lines = Files.readAllLines(dir.resolve("logs/train.log"));
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" first start") && lines.get(1).endsWith(" second start"), lines.toString());
    }
}
