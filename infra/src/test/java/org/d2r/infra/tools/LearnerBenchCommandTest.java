package org.d2r.infra.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.d2r.cli.Cli;
import org.junit.jupiter.api.Test;

/** learner-bench times every method through the same update; the smoke preset keeps it to seconds. */
class LearnerBenchCommandTest {

    private static List<JsonNode> run(String... args) throws Exception {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Cli.execute(new LearnerBenchCommand(), args));
        } finally {
            System.setOut(old);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{")) lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    @Test
    void allMethodsAreTimedWithTheirOwnNetworks() throws Exception {
        List<JsonNode> rows = run("--preset", "smoke", "--method", "all", "--updates", "2", "--warmup", "0", "--threads", "1",
                "--format", "json");
        assertEquals(List.of("d2r", "mtsac", "mhsac", "softmod", "care", "paco"), rows.stream().map(r -> r.get("method").asText()).toList());
        for (JsonNode r : rows) {
            assertTrue(r.get("seconds_per_update").asDouble() > 0, r.toString());
            double phases = 0;
            for (JsonNode p : r.get("phases")) phases += p.asDouble();
            assertTrue(phases > 0 && phases <= r.get("seconds_per_update").asDouble() * 1.05, "phases add up to the update: " + r);
        }
        // D2R is the smoke network, and the baselines are sized from it (Method.mlpHidden, Method.softModular): comparable counts
        long d2r = rows.get(0).get("actor_params").asLong();
        assertTrue(d2r < 10_000);
        for (JsonNode r : rows.subList(1, 4)) {
            long n = r.get("actor_params").asLong();
            assertTrue(n < 3 * d2r && 3 * n > d2r, "a smoke-size baseline is of D2R's size: " + r);
        }
        assertTrue(rows.get(0).get("gemm_reference_seconds").isNumber() && rows.get(1).get("gemm_reference_seconds").isNull(),
                "the matrix-product reference is D2R's");
        assertEquals(List.of("mhsac"), run("--preset", "smoke", "--method", "MHSAC", "--updates", "1", "--warmup", "0",
                "--format", "json").stream().map(r -> r.get("method").asText()).toList());
    }
}
