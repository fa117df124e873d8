package org.d2r.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.d2r.core.baselines.Method;
import org.d2r.core.config.D2rNetConfig;
import org.d2r.core.model.D2rNetwork;
import org.d2r.core.model.PolicyActor;
import org.d2r.core.model.Routing;
import org.d2r.core.model.SnapshotActor;
import org.d2r.core.model.TaskNetwork;
import org.d2r.core.nn.Param;
import org.d2r.core.nn.Rng;
import org.d2r.core.routing.RoutingGranularity;
import org.d2r.core.routing.RoutingPaths;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PolicySnapshotTest {

    static D2rNetwork actor(int rows) {
        return actor(D2rNetConfig.small(5, 8, 12), rows);
    }

    static D2rNetwork actor(D2rNetConfig cfg, int rows) {
        D2rNetwork a = D2rNetwork.actor(cfg, 6, 2, 3, rows, DataType.FLOAT, new Rng(8));
        // move the output layer off its tiny initial scale so actions differ between rows
        a.params().get("out.W").value().muli(300);
        return a;
    }

    @Test
    void leanActorMatchesTheNetworkForEveryRoutingVariant() {
        D2rNetConfig base = D2rNetConfig.small(5, 8, 12);
        for (D2rNetConfig cfg : new D2rNetConfig[] {base, base.hard(), base.soft(), base.withStateInRouting(false), base.withTopK(3)}) {
            D2rNetwork net = actor(cfg, 4);
            PolicySnapshot snap = PolicySnapshot.fromBytes(PolicySnapshot.of(net, new double[] {1, 0.5, 1.5}, 42).toBytes());
            assertEquals(42, snap.version());
            PolicyActor lean = new PolicyActor(snap);
            INDArray x = Nd4j.rand(DataType.FLOAT, 4, 6).subi(0.5).muli(4);
            int[] tasks = {0, 2, 1, 2};
            INDArray out = net.forward(x, tasks, Routing.topK()).dup();
            float[] a = new float[2];
            RoutingPaths paths = new RoutingPaths(5, 4);
            for (int r = 0; r < 4; r++) {
                lean.act(x.getRow(r).toFloatVector(), tasks[r], false, true, null, a, paths, r);
                for (int k = 0; k < 2; k++) assertEquals(Math.tanh(out.getDouble(r, k)), a[k], 1e-5, cfg + " row " + r);
                for (int b = 0; b < RoutingPaths.bitCount(paths.modules()); b++) assertEquals(net.lastPaths().get(r, b), paths.get(r, b), cfg + " bit " + b);
            }
            if (cfg != base) continue;
            // exploring draws differ from the mean and stay in range; paths stay valid (2 sources per router from router 2 on)
            lean.act(x.getRow(0).toFloatVector(), 0, true, true, new Rng(3), a, paths, 0);
            assertTrue(Math.abs(a[0]) <= 1 && Math.abs(a[1]) <= 1);
            assertTrue(Math.abs(a[0] - Math.tanh(out.getDouble(0, 0))) > 1e-6);
            int ones = 0;
            for (int b = 0; b < RoutingPaths.bitCount(paths.modules()); b++) if (paths.get(0, b)) ones++;
            assertEquals(1 + 2 * 4, ones);
        }
    }

    @Test
    void actingOnManyRowsAtOnceEqualsActingRowByRow() {
        D2rNetConfig base = D2rNetConfig.small(5, 8, 12);
        for (D2rNetConfig cfg : new D2rNetConfig[] {base, base.hard(), base.soft()}) {
            for (boolean explore : new boolean[] {true, false}) {
                PolicySnapshot snap = PolicySnapshot.of(actor(cfg, 1), new double[] {1, 0.5, 1.5}, 3);
                PolicyActor batched = new PolicyActor(snap), single = new PolicyActor(snap);
                int rows = 7;
                float[][] obs = new float[rows][6], viaBatch = new float[rows][2], viaRows = new float[rows][2];
                int[] tasks = new int[rows];
                Rng data = new Rng(21);
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < 6; i++) obs[r][i] = (float) (data.nextGaussian() * 2);
                    tasks[r] = r % 3;
                }
                RoutingPaths pb = new RoutingPaths(5, rows + 1), ps = new RoutingPaths(5, rows + 1);
                Rng rb = new Rng(5), rs = new Rng(5);
                batched.actAll(obs, tasks, rows, explore, true, rb, viaBatch, pb, 1);
                for (int r = 0; r < rows; r++) single.act(obs[r], tasks[r], explore, true, rs, viaRows[r], ps, r + 1);
                String what = cfg + (explore ? " exploring" : " deterministic");
                for (int r = 0; r < rows; r++) assertArrayEquals(viaRows[r], viaBatch[r], what + " row " + r);
                for (int r = 1; r <= rows; r++) {
                    for (int b = 0; b < RoutingPaths.bitCount(pb.modules()); b++) assertEquals(ps.get(r, b), pb.get(r, b), what + " path bit " + b);
                }
                assertArrayEquals(rs.state(), rb.state(), what + ": the same random draws");
                // a smaller batch after a larger one reuses the buffers without stale rows leaking in
                float[][] again = new float[2][2];
                batched.actAll(obs, tasks, 2, false, true, null, again, null, 0);
                float[] first = new float[2];
                single.act(obs[0], tasks[0], false, true, null, first, null, 0);
                assertArrayEquals(first, again[0], what + " after a larger batch");
            }
        }
    }

    @Test
    void corruptTruncatedForeignAndMismatchedSnapshotsAreRefused() {
        byte[] good = PolicySnapshot.of(actor(1), new double[] {1, 1, 1}, 7).toBytes();
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicySnapshot.fromBytes(flipped));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        byte[] cut = java.util.Arrays.copyOf(good, good.length - 100);
        assertThrows(IllegalArgumentException.class, () -> PolicySnapshot.fromBytes(cut));
        byte[] foreign = good.clone();
        foreign[0] = 'X';
        e = assertThrows(IllegalArgumentException.class, () -> PolicySnapshot.fromBytes(foreign));
        assertTrue(e.getMessage().contains("not a D2R policy snapshot"), e.getMessage());
        PolicySnapshot s = PolicySnapshot.fromBytes(good);
        e = assertThrows(IllegalArgumentException.class, () -> s.requireCompatible(39, 4, 10));
        assertTrue(e.getMessage().contains("3 tasks"), e.getMessage());
        D2rNetwork other = D2rNetwork.actor(D2rNetConfig.small(4, 8, 12), 6, 2, 3, 1, DataType.FLOAT, new Rng(8));
        assertThrows(IllegalArgumentException.class, () -> s.loadInto(other));
    }

    @Test
    void loadIntoRestoresTheWeights() {
        D2rNetwork a = actor(2);
        PolicySnapshot s = PolicySnapshot.of(a, new double[] {1, 1, 1}, 1);
        D2rNetwork b = D2rNetwork.actor(D2rNetConfig.small(5, 8, 12), 6, 2, 3, 2, DataType.FLOAT, new Rng(99));
        s.loadInto(b);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 6);
        INDArray oa = a.forward(x, new int[] {0, 1}, Routing.topK()).dup();
        assertEquals(0, b.forward(x, new int[] {0, 1}, Routing.topK()).sub(oa).norm2Number().doubleValue(), 0.0);
    }

    @Test
    void baselineSnapshotsKeepTheirMethodAndActThroughTheirOwnNetwork() {
        D2rNetConfig cfg = D2rNetConfig.small(5, 8, 12);
        for (Method m : new Method[] {Method.MTSAC, Method.MHSAC, Method.SOFTMOD}) {
            TaskNetwork net = m.actor(cfg, 6, 2, 3, 3, DataType.FLOAT, new Rng(4));
            // off the initial scale, so that tanh(mean) differs clearly between rows and tasks
            for (Param p : net.params().list()) p.value().muli(3);
            PolicySnapshot snap = PolicySnapshot.fromBytes(PolicySnapshot.of(m, net, cfg, new double[] {1, 1, 1}, 5).toBytes());
            assertEquals(m, snap.method());
            assertEquals(5, snap.version());
            SnapshotActor actor = SnapshotActor.of(snap);
            assertEquals(0, actor.routingModules(), m.title());
            assertThrows(IllegalArgumentException.class, () -> new PolicyActor(snap), m.title() + " has no D2R layout");

            INDArray x = Nd4j.rand(DataType.FLOAT, 3, 6).subi(0.5).muli(4);
            int[] tasks = {2, 0, 1};
            INDArray out = net.forward(x, tasks, Routing.topK()).dup();
            float[] a = new float[2];
            double spread = 0;
            for (int r = 0; r < 3; r++) {
                actor.act(x.getRow(r).toFloatVector(), tasks[r], false, true, null, a, null, 0);
                for (int k = 0; k < 2; k++) assertEquals(Math.tanh(out.getDouble(r, k)), a[k], 1e-5, m.title() + " row " + r);
                spread += Math.abs(a[0] - Math.tanh(out.getDouble(0, 0)));
            }
            assertTrue(spread > 1e-3, m.title() + ": the rows' actions should differ");

            // exploring: many rows at once draw what row-by-row acting draws
            int rows = 5;
            float[][] obs = new float[rows][6], batched = new float[rows][2], single = new float[rows][2];
            int[] ids = new int[rows];
            java.util.Random r = new java.util.Random(3);
            for (int b = 0; b < rows; b++) {
                ids[b] = b % 3;
                for (int i = 0; i < 6; i++) obs[b][i] = (float) (r.nextGaussian() * 2);
            }
            actor.actAll(obs, ids, rows, true, true, new Rng(11), batched, null, 0);
            Rng one = new Rng(11);
            SnapshotActor other = SnapshotActor.of(snap);
            for (int b = 0; b < rows; b++) other.act(obs[b], ids[b], true, true, one, single[b], null, 0);
            for (int b = 0; b < rows; b++) assertArrayEquals(single[b], batched[b], 1e-6f, m.title() + " row " + b);
            float[] mode = new float[2];
            actor.act(obs[0], ids[0], false, true, null, mode, null, 0);
            assertTrue(Math.abs(mode[0] - batched[0][0]) + Math.abs(mode[1] - batched[0][1]) > 1e-6, "exploring samples around the mean");
        }
    }

    @Test
    void aSnapshotMustBeOfTheNetworkItNamesAndLoadsOnlyIntoThatNetwork() {
        D2rNetConfig cfg = D2rNetConfig.small(5, 8, 12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicySnapshot.of(Method.MTSAC, actor(1), cfg, new double[] {1, 1, 1}, 1));
        assertTrue(e.getMessage().contains("Multi-task SAC"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolicySnapshot.of(Method.D2R,
                Method.MTSAC.actor(cfg, 6, 2, 3, 1, DataType.FLOAT, new Rng(1)), cfg, new double[] {1, 1, 1}, 1));
        PolicySnapshot mh = PolicySnapshot.of(Method.MHSAC, Method.MHSAC.actor(cfg, 6, 2, 3, 1, DataType.FLOAT, new Rng(1)), cfg,
                new double[] {1, 1, 1}, 1);
        assertThrows(IllegalArgumentException.class, () -> mh.loadInto(Method.MTSAC.actor(cfg, 6, 2, 3, 1, DataType.FLOAT, new Rng(2))));
        assertThrows(IllegalArgumentException.class, () -> mh.loadInto(actor(1)));
    }

    @Test
    void earlierFormatSnapshotsAreReadAsModuleLevelD2rAndUnknownMethodsAreRefused() {
        D2rNetwork net = actor(1);
        byte[] v3 = PolicySnapshot.of(net, new double[] {1, 0.5, 1}, 9).toBytes();
        // format 2: the same bytes without the routing granularity at the end of the configuration
        byte[] granularity = {0, 12, 'm', 'o', 'd', 'u', 'l', 'e', '-', 'l', 'e', 'v', 'e', 'l'};
        int at = indexOf(v3, granularity);
        assertTrue(at > 17, "format 3 writes the granularity");
        java.io.ByteArrayOutputStream v2 = new java.io.ByteArrayOutputStream();
        v2.write(v3, 0, 8);
        v2.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(2).array());
        v2.write(v3, 12, at - 12);
        v2.write(v3, at + granularity.length, v3.length - 8 - at - granularity.length);
        byte[] v2Bytes = withCrc(v2.toByteArray());
        // format 1: format 2 without the method name (a 2-byte length and "d2r" after magic and format)
        java.io.ByteArrayOutputStream v1 = new java.io.ByteArrayOutputStream();
        v1.write(v2Bytes, 0, 8);
        v1.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(1).array());
        v1.write(v2Bytes, 12 + 2 + 3, v2Bytes.length - 8 - (12 + 2 + 3));
        float[] x = {0.3f, -1f, 2f, 0.1f, 0.5f, -0.7f};
        float[] expected = new float[2];
        new PolicyActor(PolicySnapshot.fromBytes(v3)).act(x, 1, false, true, null, expected, null, 0);
        for (byte[] old : new byte[][] {v2Bytes, withCrc(v1.toByteArray())}) {
            PolicySnapshot s = PolicySnapshot.fromBytes(old);
            assertEquals(Method.D2R, s.method());
            assertEquals(9, s.version());
            assertEquals(net.config(), s.net());
            float[] a = new float[2];
            new PolicyActor(s).act(x, 1, false, true, null, a, null, 0);
            assertArrayEquals(expected, a, 0f);
        }

        // a method this build does not know
        java.io.ByteArrayOutputStream unknown = new java.io.ByteArrayOutputStream();
        unknown.write(v3, 0, 12);
        unknown.writeBytes(new byte[] {0, 3, 'x', 'y', 'z'});
        unknown.write(v3, 17, v3.length - 8 - 17);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PolicySnapshot.fromBytes(withCrc(unknown.toByteArray())));
        assertTrue(e.getMessage().contains("'xyz'") && e.getMessage().contains("update the reader"), e.getMessage());
    }

    @Test
    void routingGranularitySurvivesTheRoundTrip() {
        for (RoutingGranularity g : RoutingGranularity.values()) {
            D2rNetConfig cfg = D2rNetConfig.small(4, 8, 12).withGranularity(g);
            PolicySnapshot s = PolicySnapshot.fromBytes(PolicySnapshot.of(actor(cfg, 1), new double[] {1, 1, 1}, 2).toBytes());
            assertEquals(cfg, s.net());
            // a snapshot's weights fit only an actor of its own granularity
            if (g != RoutingGranularity.MODULE) {
                assertThrows(IllegalArgumentException.class, () -> s.loadInto(actor(D2rNetConfig.small(4, 8, 12), 1)));
            }
        }
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) if (data[i + j] != part[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** The bytes with their CRC-32 appended, as the writer ends a snapshot. */
    private static byte[] withCrc(byte[] body) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(body);
        return java.nio.ByteBuffer.allocate(body.length + 8).put(body).putLong(crc.getValue()).array();
    }
}
