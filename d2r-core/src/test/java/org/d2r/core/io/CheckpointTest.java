package org.d2r.core.io;

import static org.d2r.core.sac.SacFixtures.batch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.config.SacConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.nn.Adam;
import org.d2r.core.nn.ParamSet;
import org.d2r.core.nn.Rng;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.core.sac.SacFixtures;
import org.d2r.core.sac.TransitionBatch;
import org.d2r.core.sac.UpdateExtension;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class CheckpointTest {
    static final int TASKS = 2, PER_TASK = 8, OBS = 4, ACT = 2;
    static final D2rNetConfig NET = D2rNetConfig.small(4, 8, 16);
    static final SacConfig CFG = SacConfig.paper(TASKS, ACT).withBatchPerTask(PER_TASK);

    static MultiTaskSac sac(long seed) {
        return SacFixtures.sac(NET, CFG, OBS, ACT, seed);
    }

    @Test
    void resumeFromACheckpointIsBitExact() throws Exception {
        MultiTaskSac a = sac(1);
        for (int i = 0; i < 3; i++) a.update(batch(a, 100 + i));
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        Checkpoint.write(a, Map.of("replay", new byte[] {1, 2, 3}), bo);
        TransitionBatch[] next = {batch(a, 200), batch(a, 201), batch(a, 202)};
        for (TransitionBatch b : next) a.update(b);

        MultiTaskSac r = sac(999); // different initial weights: everything must come from the checkpoint
        Map<String, byte[]> extras = Checkpoint.restore(r, new ByteArrayInputStream(bo.toByteArray()));
        assertArrayEquals(new byte[] {1, 2, 3}, extras.get("replay"));
        assertEquals(3, r.updateCount());
        for (TransitionBatch b : next) r.update(b);

        assertEquals(a.updateCount(), r.updateCount());
        assertArrayEquals(a.logAlphaValues(), r.logAlphaValues());
        assertArrayEquals(a.taskTemperatures(), r.taskTemperatures());
        ParamSet[] pa = a.parameterSets(), pr = r.parameterSets();
        for (int s = 0; s < pa.length; s++) {
            for (int i = 0; i < pa[s].list().size(); i++) {
                assertArrayEquals(pa[s].list().get(i).value().data().asFloat(), pr[s].list().get(i).value().data().asFloat(),
                        "set " + s + " tensor " + pa[s].list().get(i).name());
            }
        }
        Adam[] oa = a.optimizers(), or = r.optimizers();
        for (int k = 0; k < oa.length; k++) {
            assertEquals(oa[k].stepCount(), or[k].stepCount());
            assertArrayEquals(oa[k].secondMoments().get(0).data().asFloat(), or[k].secondMoments().get(0).data().asFloat());
        }
        assertArrayEquals(a.rng().state(), r.rng().state());
    }

    @Test
    void corruptOrMismatchedCheckpointsAreRefused() throws Exception {
        MultiTaskSac a = sac(1);
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        Checkpoint.write(a, Map.of(), bo);
        byte[] bad = bo.toByteArray();
        bad[bad.length / 3] ^= 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.restore(sac(2), new ByteArrayInputStream(bad)));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        Rng init = new Rng(3);
        D2rNetConfig other = NET.withModules(3);
        int rows = CFG.batchSize();
        MultiTaskSac different = new MultiTaskSac(CFG, D2rNetwork.actor(other, OBS, ACT, TASKS, rows, DataType.FLOAT, init),
                D2rNetwork.critic(other, OBS, ACT, TASKS, rows, DataType.FLOAT, init),
                D2rNetwork.critic(other, OBS, ACT, TASKS, rows, DataType.FLOAT, init), UpdateExtension.NONE, init);
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.restore(different, new ByteArrayInputStream(bo.toByteArray())));
        assertTrue(e.getMessage().contains("configuration"), e.getMessage());
    }
}
