package org.d2r.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunConfigTest {

    @Test
    void writtenConfigReadsBackTheSameInACommaDecimalLocale(@TempDir Path dir) throws Exception {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            RunConfig written = RunConfig.builder(RunConfig.EMBEDDED).runId("r1").preset("smoke").method("d2r")
                    .tasks(List.of("reach-v2", "push-v2")).seed(7).stepsPerTask(1000).snapshotEvery(10).checkpointEvery(50)
                    .evalEvery(500).finalEpisodes(2).maxLead(1000).batchRows("references").resumed(false)
                    .sac(Map.of("alphaLr", 0.0003, "polyak", 0.005)).build();
            Path file = dir.resolve("config.json");
            written.write(file);
            String text = Files.readString(file);
            assertTrue(text.contains("\"method\": \"d2r\""), text); // the layout the hand-written files had
            assertTrue(text.contains("3.0E-4") || text.contains("0.0003"), text);
            RunConfig read = RunConfig.read(file);
            assertEquals(written, read);
            assertEquals(RunConfig.FORMAT_VERSION, read.formatVersion());
            assertEquals(List.of("reach-v2", "push-v2"), read.tasks());
            assertEquals(7L, read.seed());
            assertNull(read.bootstrapServers());
            assertEquals(0.0003, new ObjectMapper().readTree(text).get("sac").get("alphaLr").asDouble());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void formatZeroFilesOfEveryModeStillRead(@TempDir Path dir) throws Exception {
        // as train wrote it by hand before formatVersion existed
        Path embedded = Files.writeString(dir.resolve("embedded.json"), """
                {
                  "mode": "embedded",
                  "runId": "run-1",
                  "preset": "smoke",
                  "method": "mtsac",
                  "tasks": ["reach-v2"],
                  "seed": 3,
                  "stepsPerTask": 400,
                  "snapshotEvery": 5,
                  "checkpointEvery": 20,
                  "evalEvery": 200,
                  "finalEpisodes": 2,
                  "maxLead": 1000,
                  "batchRows": "references",
                  "bootstrapServers": null,
                  "resumed": false
                }
                """);
        RunConfig e = RunConfig.read(embedded);
        assertEquals(0, e.formatVersion());
        assertEquals("mtsac", e.method());
        assertEquals(400L, e.stepsPerTask());
        assertNull(e.bootstrapServers());
        // train-offline's, with its "as recorded" budget and an unknown key
        Path offline = Files.writeString(dir.resolve("offline.json"), """
                {"command": "bin/d2r train-offline --from x.avro", "args": ["--from", "x.avro"], "stepsPerTask": "as recorded",
                 "network": {"sizes": "paper (bin/d2r params)"}, "source": {"file": "/tmp/x.avro", "records": 240},
                 "somethingLater": 1}
                """);
        RunConfig o = RunConfig.read(offline);
        assertNull(o.stepsPerTask());
        assertEquals("/tmp/x.avro", o.source().get("file").asText());
        assertEquals(List.of("--from", "x.avro"), o.args());
    }

    @Test
    void aNewerFormatIsRefusedNamingBothVersions(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.json"), "{\"formatVersion\": 99, \"preset\": \"smoke\"}");
        IOException e = assertThrows(IOException.class, () -> RunConfig.read(file));
        assertTrue(e.getMessage().contains("version 99") && e.getMessage().contains("up to " + RunConfig.FORMAT_VERSION),
                e.getMessage());
    }

    @Test
    void theRecordsTreesCannotBeChangedFromOutside() {
        RunConfig c = RunConfig.builder(RunConfig.LOCAL).sac(Map.of("polyak", 0.005)).build();
        ((com.fasterxml.jackson.databind.node.ObjectNode) c.sac()).put("polyak", 1.0);
        assertEquals(0.005, c.sac().get("polyak").asDouble());
    }

    @Test
    void theBuilderKeepsEachValuesJsonTypeAndUnsetFieldsOut(@TempDir Path dir) throws Exception {
        // a float stays a float ("0.1", not 0.10000000149011612), as the settings records' trees had it
        Map<String, Object> sac = new java.util.TreeMap<>(Map.of("f", 0.1f, "d", 0.1, "i", 3, "l", 4L, "s", "x"));
        RunConfig c = RunConfig.builder(RunConfig.LOCAL).sac(sac).network(null).ablations(List.of()).seed(5).build();
        assertEquals(new ObjectMapper().valueToTree(sac), c.sac());
        assertEquals(new RunConfig(RunConfig.FORMAT_VERSION, "local", null, null, null, null, null, null, null, null, null, 5L,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, c.sac(), null, null, null), c);
        Path file = dir.resolve("config.json");
        c.write(file);
        assertEquals("""
                {
                  "formatVersion": 1,
                  "mode": "local",
                  "seed": 5,
                  "sac": {
                    "d": 0.1,
                    "f": 0.1,
                    "i": 3,
                    "l": 4,
                    "s": "x"
                  }
                }""", Files.readString(file).replace(System.lineSeparator(), "\n"));
    }
}
