package org.d2r.infra.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParamsCommandTest {

    /** bin/d2r params lists D2R's routing granularities with the counts their restricted routers give. */
    @Test
    void showsTheRoutingGranularitiesParameterCounts() throws Exception {
        List<ParamsCommand.GranularityRow> rows = ParamsCommand.granularities(org.d2r.core.config.D2rNetConfig.paper(), 10);
        assertEquals(List.of("module-level", "layer-level", "model-level"), rows.stream().map(ParamsCommand.GranularityRow::ablation).toList());
        assertEquals(684_240, rows.get(0).actor());
        assertEquals(684_937, rows.get(0).critic());
        // fewer logits (52 and 16 instead of 136) and three more modules reading the 400-wide base input
        assertEquals(767_100, rows.get(1).actor());
        assertEquals(757_848, rows.get(2).actor());
        assertEquals(757_848 + 697, rows.get(2).critic());
        String text = ParamsCommand.text("mt10", 10, ParamsCommand.Sizes.PAPER, ParamsCommand.count(ParamsCommand.Sizes.PAPER, 10), rows);
        assertTrue(text.contains("layer-level") && text.contains("767,100") && text.contains("757,848"), text);
        assertTrue(text.contains("1,226,202") && text.contains("3,394,095"), "CARE and PaCo at their paper counts: " + text);
        String json = ParamsCommand.json("mt10", 10, ParamsCommand.Sizes.PAPER, ParamsCommand.count(ParamsCommand.Sizes.PAPER, 10), rows);
        assertTrue(json.contains("\"routingGranularities\"") && json.contains("\"model-level\""), json);
    }

    /** --preset smoke counts what that preset trains: the small D2R and the baselines sized like it, against D2R, not the paper. */
    @Test
    void aPresetsSizesAreCountedAgainstItsD2r() {
        org.d2r.core.config.D2rNetConfig smoke = org.d2r.core.config.LearnerConfig.preset("smoke").net();
        List<ParamsCommand.Row> rows = ParamsCommand.count(new ParamsCommand.Sizes("smoke", smoke), 10);
        long d2r = ParamsCommand.parameters(org.d2r.core.baselines.Method.D2R, smoke, 10);
        assertEquals(d2r, rows.get(0).total());
        for (ParamsCommand.Row r : rows) {
            assertEquals(ParamsCommand.parameters(org.d2r.core.baselines.Method.parse(r.method()), smoke, 10), r.total(), r.method());
            assertEquals((double) r.total() / d2r, r.perD2r(), 1e-12);
            assertEquals(null, r.paperMillions(), "the paper's figure is for its own sizes");
            assertTrue(r.total() < 200_000, r.method() + " at smoke: " + r.total());
        }
        String text = ParamsCommand.text("mt10", 10, new ParamsCommand.Sizes("smoke", smoke), rows, ParamsCommand.granularities(smoke, 10));
        assertTrue(text.contains("preset smoke") && text.contains(String.format(java.util.Locale.ROOT, "%,d", d2r)), text);
        // a paper preset's sizes are the paper's: the same rows as without --preset
        ParamsCommand.Sizes mt10 = new ParamsCommand.Sizes("mt10-rand", org.d2r.core.config.LearnerConfig.preset("mt10-rand").net());
        assertTrue(mt10.paper());
        assertEquals(ParamsCommand.count(ParamsCommand.Sizes.PAPER, 10), ParamsCommand.count(mt10, 10));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = org.d2r.cli.Cli.execute(new ParamsCommand(), System.out, new java.io.PrintStream(err, true), "--preset", "tiny");
        assertEquals(2, code);
        assertTrue(err.toString().lines().findFirst().orElse("").contains("--preset: unknown preset 'tiny'"), err.toString());
    }
}
