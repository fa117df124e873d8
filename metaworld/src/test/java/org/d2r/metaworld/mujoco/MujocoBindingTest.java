package org.d2r.metaworld.mujoco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MujocoBindingTest {

    static final String BALL_XML = """
            <mujoco>
              <worldbody>
                <geom name="floor" type="plane" size="1 1 0.1"/>
                <body name="ball" pos="0 0 1">
                  <freejoint name="free"/>
                  <geom name="ballgeom" type="sphere" size="0.1" mass="1"/>
                </body>
              </worldbody>
            </mujoco>
            """;

    static Path writeModel(Path dir, String xml) throws IOException {
        Path p = dir.resolve("model.xml");
        Files.writeString(p, xml);
        return p;
    }

    @Test
    void copyFromRestoresTheWholeStateIntoTheSameBuffers(@TempDir Path dir) throws IOException {
        try (MjModel m = MjModel.load(writeModel(dir, BALL_XML)); MjData live = m.makeData();
             MjData saved = m.makeData(); MjModel other = m.copy(); MjData foreign = other.makeData()) {
            live.step(300);                      // the ball has landed: contacts exist
            assertTrue(live.ncon() > 0);
            saved.copyFrom(live);
            DoubleBuffer qpos = live.qpos();     // fetched before the restore
            double[] expected = new double[7];
            live.step(50);
            qpos.get(0, expected);
            double t = live.time();
            live.qpos().put(2, 5.0);             // scramble, then restore and replay
            live.qvel().put(0, 3.0);
            live.copyFrom(saved);
            live.step(50);
            double[] replayed = new double[7];
            qpos.get(0, replayed);
            assertTrue(java.util.Arrays.equals(expected, replayed), "replay after copyFrom must be bit-identical");
            assertEquals(t, live.time(), 0.0);
            assertThrows(IllegalArgumentException.class, () -> foreign.copyFrom(live));
        }
    }

    @Test
    void editableValuesChangeWithAModelEditAndOnlyThen(@TempDir Path dir) throws IOException {
        try (MjModel m = MjModel.load(writeModel(dir, BALL_XML))) {
            double[] before = m.editableValues();
            assertTrue(java.util.Arrays.equals(before, m.editableValues()));
            m.bodyPos().put(5, 2.0);
            assertNotEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(m.editableValues()));
        }
    }

    @Test
    void writesThroughQposBufferAreSeenByMujocoAndResultsAreReadInPlace(@TempDir Path dir) throws IOException {
        try (MjModel m = MjModel.load(writeModel(dir, BALL_XML)); MjData d = m.makeData()) {
            int ball = m.id(MjObj.BODY, "ball");
            DoubleBuffer qpos = d.qpos();
            DoubleBuffer xpos = d.xpos();   // fetched once, before the change
            d.forward();
            assertEquals(1.0, xpos.get(3 * ball + 2), 1e-12);
            qpos.put(0, 0.25);
            qpos.put(2, 0.5);
            d.forward();
            // The same view now shows MuJoCo's recomputed body position: no copy on either side.
            assertEquals(0.25, xpos.get(3 * ball), 1e-12);
            assertEquals(0.5, xpos.get(3 * ball + 2), 1e-12);
            // Two views alias the same native array.
            assertEquals(0.25, d.qpos().get(0), 0.0);
        }
    }

    @Test
    void stepAdvancesTimeAndGravityPullsTheBallDown(@TempDir Path dir) throws IOException {
        try (MjModel m = MjModel.load(writeModel(dir, BALL_XML)); MjData d = m.makeData()) {
            int warnings = d.step(50);
            assertEquals(0, warnings);
            assertEquals(50 * m.timestep(), d.time(), 1e-12);
            assertTrue(d.qpos().get(2) < 1.0, "ball should fall");
            d.reset();
            assertEquals(0.0, d.time(), 0.0);
            assertEquals(1.0, d.qpos().get(2), 0.0);
        }
    }

    @Test
    void contactsAndConstraintForcesAreVisibleWhenTheBallRestsOnTheFloor(@TempDir Path dir) throws IOException {
        try (MjModel m = MjModel.load(writeModel(dir, BALL_XML)); MjData d = m.makeData()) {
            d.qpos().put(2, 0.099); // slightly into the floor
            d.forward();
            assertEquals(1, d.ncon());
            int floor = m.id(MjObj.GEOM, "floor");
            int ball = m.id(MjObj.GEOM, "ballgeom");
            assertTrue(d.contactForceBetween(floor, ball, false) > 0, "floor pushes the ball up");
            assertEquals(0.0, d.contactForceBetween(floor, floor, false), 0.0);
        }
    }

    @Test
    void hugeVelocityRaisesAMujocoWarning(@TempDir Path dir) throws IOException {
        try (MjModel m = MjModel.load(writeModel(dir, BALL_XML)); MjData d = m.makeData()) {
            d.qvel().put(0, Double.NaN);
            assertTrue(d.step(1) > 0, "a NaN state must be reported as a warning");
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseIsAnError(@TempDir Path dir) throws IOException {
        MjModel m = MjModel.load(writeModel(dir, BALL_XML));
        MjData d = m.makeData();
        d.close();
        d.close();
        assertThrows(IllegalStateException.class, () -> d.step(1));
        assertThrows(IllegalStateException.class, d::qpos);
        assertThrows(IllegalStateException.class, d::ncon);
        MjData d2 = m.makeData();
        m.close();
        m.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, d2::forward);
        assertTrue(e.getMessage().contains("MjModel"), e.getMessage());
        d2.close();
        assertThrows(IllegalStateException.class, m::makeData);
    }

    @Test
    void badModelAndUnknownNamesGiveClearErrors(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.xml");
        Files.writeString(bad, "<mujoco><worldbody><geom type='nonsense'/></worldbody></mujoco>");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MjModel.load(bad));
        assertTrue(e.getMessage().contains("bad.xml"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MjModel.load(dir.resolve("missing.xml")));
        try (MjModel m = MjModel.load(writeModel(dir, BALL_XML))) {
            IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> m.id(MjObj.SITE, "nope"));
            assertTrue(n.getMessage().contains("site named 'nope'"), n.getMessage());
            assertEquals(-1, m.idOrMinusOne(MjObj.BODY, "nope"));
        }
    }

    @Test
    void copiesAreIndependent(@TempDir Path dir) throws IOException {
        try (MjModel m = MjModel.load(writeModel(dir, BALL_XML)); MjModel c = m.copy()) {
            int ball = m.id(MjObj.BODY, "ball");
            c.bodyPos().put(3 * ball + 2, 2.0);
            assertEquals(1.0, m.bodyPos().get(3 * ball + 2), 0.0);
            assertNotEquals(m.bodyPos().get(3 * ball + 2), c.bodyPos().get(3 * ball + 2));
        }
    }
}
