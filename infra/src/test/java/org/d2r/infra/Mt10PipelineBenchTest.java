package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.cli.Cli;
import org.junit.jupiter.api.Test;

class Mt10PipelineBenchTest {

    /** The --envs mode's options as the command checks them (without --envs: the other mode's refusal). */
    private static PipelineBenchCommand.EnvOptions parse(String... args) {
        PipelineBenchCommand c = Cli.parse(new PipelineBenchCommand(), args);
        if (c.envs == null) c.options();
        return c.envOptions();
    }

    @Test
    void parsesMt10AndSteps() {
        PipelineBenchCommand.EnvOptions o = parse(
                new String[] {"--envs", "mt10", "--steps-per-task", "300", "--format", "json"});
        assertEquals(10, o.tasks().size());
        assertEquals("reach-v2", o.tasks().get(0));
        assertEquals(300, o.stepsPerTask());
        assertEquals(1, o.envsPerTask());
        assertTrue(o.json());
        assertTrue(!o.monitor() && parse(new String[] {"--envs", "mt10", "--monitor"}).monitor());
    }

    @Test
    void refusesBadInput() {
        assertThrows(picocli.CommandLine.ParameterException.class, () -> parse(new String[] {"--steps-per-task", "10"}));
        assertThrows(picocli.CommandLine.ParameterException.class,
                () -> parse(new String[] {"--envs", "mt10", "--format", "xml"}));
        picocli.CommandLine.ParameterException e = assertThrows(picocli.CommandLine.ParameterException.class,
                () -> parse(new String[] {"--envs", "mt10", "--steps-per-task", "50"}));
        assertTrue(e.getMessage().contains("warm-up"), e.getMessage());
        assertThrows(picocli.CommandLine.ParameterException.class,
                () -> parse(new String[] {"--envs", "mt10", "--steps-per-task", "0"}));
        e = assertThrows(picocli.CommandLine.ParameterException.class, () -> parse("--monitor"));
        assertTrue(e.getMessage().contains("--monitor"), e.getMessage());
    }

    @Test
    void theRealProducersPublishEveryStepAndEveryBatchIsMade() throws Exception {
        // 2 tasks x 150 steps, warm-up 200 transitions (100 per task): batches 0..50 at one per step of both tasks; the run
        // monitor watching, as --monitor measures its cost
        PipelineBenchCommand.Result r = PipelineBenchCommand.measure(parse(new String[] {"--envs",
                "reach-v2,push-v2", "--steps-per-task", "150", "--warmup", "200", "--rows-per-task", "4", "--timeout-s", "120",
                "--monitor"}));
        assertEquals(300, r.steps());
        assertEquals(300, r.published(), "ProducerApp acknowledged every transition of the run");
        assertEquals(51, r.expectedBatches());
        assertEquals(51, r.batches(), "the replay job made every batch the ratio promises");
        assertTrue(r.envsSeconds() > 0 && r.envsPolicySeconds() > 0 && r.envsPolicyAfterSeconds() > 0 && r.pipelineSeconds() > 0);
        // the producers' thread was found by name and followed until it ended: its CPU time is the bulk of (b)'s stepping
        // (the CPU table is scaled from the timed steps to all of them; the scheduler's figure covers the timed ones)
        double steppingCpu = r.cpuSeconds().get("environments + acting + producer (stepping thread)")
                * r.pipelineTimedSteps() / r.steps();
        assertEquals(steppingCpu, r.pipelineSched().onCpuNanos() / 1e9, 0.01 + 0.05 * steppingCpu,
                "the scheduler's and the JVM's count of the stepping thread's CPU time agree");
        assertTrue(r.envsPolicySched().onCpuNanos() > 0, "(a') read its own thread's statistics");
        assertTrue(r.cpuSeconds().get("run monitor (Kafka Streams, HTTP, page reads)") > 0,
                "the monitor's threads found by name, its CPU in (b)'s account: " + r.cpuSeconds());
    }
}
