package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Mt10PipelineBenchTest {

    @Test
    void parsesMt10AndSteps() {
        Mt10PipelineBench.Options o = Mt10PipelineBench.parse(
                new String[] {"--envs", "mt10", "--steps-per-task", "300", "--format", "json"});
        assertEquals(10, o.tasks().size());
        assertEquals("reach-v2", o.tasks().get(0));
        assertEquals(300, o.stepsPerTask());
        assertEquals(1, o.envsPerTask());
        assertTrue(o.json());
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Mt10PipelineBench.parse(new String[] {"--steps-per-task", "10"}));
        assertThrows(IllegalArgumentException.class,
                () -> Mt10PipelineBench.parse(new String[] {"--envs", "mt10", "--format", "xml"}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Mt10PipelineBench.parse(new String[] {"--envs", "mt10", "--steps-per-task", "50"}));
        assertTrue(e.getMessage().contains("warm-up"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Mt10PipelineBench.parse(new String[] {"--envs", "mt10", "--steps-per-task", "0"}));
    }
}
