package org.d2r.infra.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.d2r.metaworld.GoalMode;
import org.d2r.metaworld.tools.EpisodeOutcome;
import org.d2r.metaworld.tools.TaskReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A --format json line must parse wherever it is made: printf once wrote "1234,5" in a comma-decimal locale. */
class JsonLinesLocaleTest {

    private Locale before;

    @BeforeEach
    void commaDecimals() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
    }

    @AfterEach
    void restore() {
        Locale.setDefault(before);
    }

    @Test
    void envBenchLineParsesWithItsFiguresRounded() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EnvBenchCommand.print(new EnvBenchCommand.Result("reach-v2", 2000, 10, 1234.56, 52.3456, 40.5),
                true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        JsonNode line = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));
        assertEquals("reach-v2", line.get("task").asText());
        assertEquals(1234.6, line.get("env_steps_per_s").asDouble());
        assertEquals(52.346, line.get("mj_step_us").asDouble());
        assertTrue(line.get("ratio").isNumber(), line.toString());
    }

    @Test
    void scriptedLineParsesAndAbsentFiguresAreNull() throws Exception {
        TaskReport r = new TaskReport("pick-place-v2", GoalMode.RAND, 200, 0.1, 3, false,
                List.of(new EpisodeOutcome(false, -1, 12.5, 200), new EpisodeOutcome(false, -1, 0.25, 200)), 400, 1.23456);
        JsonNode line = new ObjectMapper().readTree(ScriptedCommand.json(r));
        assertEquals(0.0, line.get("success_rate").asDouble());
        assertTrue(line.get("mean_steps_to_success").isNull(), line.toString());
        assertEquals(6.375, line.get("mean_return").asDouble());
        assertEquals(1.235, line.get("seconds").asDouble());
    }
}
