package org.d2r.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The learner's copy of the replay windows without a broker (against one: replay-job's TransitionWindowsTest). */
class TransitionWindowsTest {

    @Test
    void aCopyNearingTheHeapIsNamedWithTheFix() {
        assertNull(TransitionWindows.memoryWarning(400L << 20, 1L << 30), "400 MB of a 1 GB heap: fine");
        String w = TransitionWindows.memoryWarning(600L << 20, 1L << 30);
        assertTrue(w != null && w.contains("600 MB of a 1024 MB heap") && w.contains("-Xmx"), String.valueOf(w));
        assertNull(TransitionWindows.memoryWarning(600L << 20, Long.MAX_VALUE), "no limit known: no warning");
    }

    @Test
    void partitionLogKeepsOffsetsThroughGapsGrowthAndDrops() {
        TransitionWindows.PartitionLog log = new TransitionWindows.PartitionLog(100);
        for (long o = 100; o < 3000; o++) {
            if (o % 7 != 0) {
                log.put(o, ByteBuffer.allocate(8).putLong(o).array());
            }
        }
        assertEquals(3000, log.next());
        assertArrayEquals(ByteBuffer.allocate(8).putLong(2999).array(), log.get(2999));
        assertNull(log.get(105), "105 is a gap (a marker) and stays one");
        log.put(1500, new byte[] {1}); // read again after a seek: the held record stays
        assertArrayEquals(ByteBuffer.allocate(8).putLong(1500).array(), log.get(1500));
        log.dropBefore(2000);
        assertEquals(2000, log.first);
        assertNull(log.get(1999));
        assertArrayEquals(ByteBuffer.allocate(8).putLong(2001).array(), log.get(2001));
        assertEquals(1000, log.size);
        log.dropBefore(5000);
        assertEquals(0, log.size);
        assertEquals(5000, log.next(), "a drop past the end moves where reading resumes");
        log.skipTo(5010);
        log.put(5010, new byte[] {2});
        assertArrayEquals(new byte[] {2}, log.get(5010));
        assertEquals(5010, log.first);
    }
}
