package org.d2r.infra.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParamsCommandTest {

    /** bin/d2r params lists D2R's routing granularities with the counts their restricted routers give. */
    @Test
    void showsTheRoutingGranularitiesParameterCounts() {
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
}
