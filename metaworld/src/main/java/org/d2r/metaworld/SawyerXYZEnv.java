package org.d2r.metaworld;

import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.d2r.metaworld.mujoco.MjData;
import org.d2r.metaworld.mujoco.MjModel;
import org.d2r.metaworld.mujoco.MjObj;

/**
 * Meta-World V2's Sawyer base environment (MujocoEnv + SawyerMocapBase + SawyerXYZEnv at commit
 * 04be337a): mocap XYZ control, the two-finger gripper, the 39-dim frame-stacked observation, the
 * goal-observable setting, instability recovery and the shared reward pieces. One subclass per
 * task or task family in {@code org.d2r.metaworld.tasks} supplies the scene, reset and reward.
 *
 * <p>Meta-World quirks kept on purpose because they change what the agent sees:
 * <ul>
 *   <li>the observation's second frame is the previous call's frame, so the first observation of
 *       an episode carries the last frame of the previous episode (for the very first reset, the
 *       frame at the model's initial pose);</li>
 *   <li>target sites are re-written into {@code site_xpos} after each step, so site positions read
 *       from the data follow the target even without a forward;</li>
 *   <li>after a MuJoCo warning the episode freezes: no more physics, the last stable observation,
 *       reward 0 and an all-zero info until the next reset (mujoco_py raised on warnings);</li>
 *   <li>only the xyz part of the action is clipped; the gripper value reaches the actuators (and
 *       the caging reward) as given;</li>
 *   <li>touching_object sums contact forces over all contact slots, stale ones included, as
 *       mujoco_py's {@code data.contact} exposed them.</li>
 * </ul>
 *
 * <p>Subclass contract: the constructor calls {@link #SawyerXYZEnv(String, String, EnvConfig,
 * double[])} and then sets {@link #handInitPos}, the reset space
 * ({@link #setRandomResetSpace}), what it observes ({@link #observeSite} and the like) and its own
 * initial fields; it must not step the simulation (the base finishes initialising at the first reset).
 */
public abstract class SawyerXYZEnv implements MetaWorldEnv {

    private static final double[] TASK_HAND_LOW = {-0.5, 0.40, 0.05};
    private static final double[] TASK_HAND_HIGH = {0.5, 1, 0.5};
    public static final double TARGET_RADIUS = 0.05;
    public static final int FRAME_SKIP = 5;
    private static final double ACTION_SCALE = 1.0 / 100;
    /** Object slots in one frame: up to two objects with position and quaternion. */
    private static final int OBJ_MAX_LEN = 14;
    private static final int FRAME_LEN = 4 + OBJ_MAX_LEN;
    private static final int HAND_RESET_STEPS = 50;
    private static final double[] MOCAP_QUAT = {1, 0, 1, 0};
    private static final int EQ_WELD = 1;
    private static final int ZERO_QUAT = -2;
    private static final double[] FAR_AWAY = {10., 10., 10.};
    private static final Evaluation UNSTABLE = new Evaluation(0.0, StepInfo.UNSTABLE);
    /**
     * Compiled scenes, one pristine model per file for the life of the JVM: compiling a Sawyer scene (meshes, convex
     * hulls) takes about 100 ms, copying one a few ms, and each environment edits its own copy (welds, body positions).
     */
    private static final Map<Path, MjModel> PRISTINE_MODELS = new ConcurrentHashMap<>();

    private final String taskName;
    private final EnvConfig config;
    private final MjModel model;
    private final MjData data;
    private final SplittableRandom random;

    // Views over MuJoCo's arrays, fetched once: the arrays never move for the life of mjData.
    private final DoubleBuffer qpos, qvel, ctrl, mocapPos, mocapQuat, xpos, xquat, siteXpos, siteXmat,
            geomXpos, geomXmat;
    private final int mocapIndex, handBody, rightFingerSite, leftFingerSite, leftPadBody, rightPadBody,
            leftPadGeom, rightPadGeom;
    private int goalSite, otherGoalSite = -1;
    private String mainObjectGeom = "objGeom";
    // Set by observeBody ... observeZeroQuat; an id of -1: the default body "obj" / geom "objGeom" is missing.
    private DoubleBuffer objPosFrom;
    private int objPosId, objQuatId;
    private boolean objQuatFromBody;
    // One map per object type: a per-step lookup by name then builds no key string.
    private final Map<MjObj, Map<String, Integer>> idCache = new EnumMap<>(MjObj.class);

    private final double[] mocapLow;
    /** Where the hand is driven at reset. Subclasses set it in their constructor. */
    protected double[] handInitPos;
    /** The goal of the current episode; the observation's last three entries. */
    protected double[] targetPos = new double[3];
    /** Initial object position of the current episode (used by the caging reward). */
    protected double[] objInitPos = new double[3];
    /** Tool-centre point after the hand reset. */
    protected double[] initTcp = new double[3];

    private double[] resetLow, resetHigh;
    private double[] frozenRandVec;
    private double[] lastRandVec;

    private boolean initialised;
    private boolean closed;
    private boolean didSeeSimException;
    private boolean episodeStarted;
    private int curPathLength;
    private long physicsNanos;
    private final double[] prevFrame = new double[FRAME_LEN];
    private final double[] currFrame = new double[FRAME_LEN];
    private final double[] lastStableObs = new double[OBS_DIM];
    private boolean haveStableObs;
    private double[] lastResetObs;

    // Hand-reset replay. After mj_resetData the state is a function of the model alone, so a hand
    // reset run from it is too: when it starts from a fresh reset with the same model values and
    // target as the previous one, the saved outcome (a full mjData copy) is exactly what the 250
    // mj_steps would produce again. Saved only once the inputs repeat, so tasks that move a body
    // in the model every episode (Rand mode) never pay for the copy.
    private boolean freshFromReset;
    private boolean handResetReplay = true;
    private double[] lastHandResetKey;
    private MjData handResetSnapshot;
    private double[] handResetSnapshotKey;
    private int handResetReplays;

    private final double[] scratchPos = new double[6];
    private final double[] scratchQuat = new double[8];
    private final double[] scratch9 = new double[9];

    /** Loads the scene with the hand bounds that most V2 tasks declare, (-0.5, 0.40, 0.05) to (0.5, 1, 0.5). */
    protected SawyerXYZEnv(String taskName, String sceneFile, EnvConfig config) {
        this(taskName, sceneFile, config, TASK_HAND_LOW);
    }

    /**
     * Loads the scene and prepares the mocap welds. The mocap is bounded by the hand bounds, as Meta-World does
     * when a task gives no mocap bounds (none of the V2 tasks does); every V2 task's upper hand bound is the same.
     */
    protected SawyerXYZEnv(String taskName, String sceneFile, EnvConfig config, double[] handLow) {
        this.taskName = taskName;
        this.config = config;
        this.mocapLow = handLow.clone();
        this.random = new SplittableRandom(streamSeed(config.seed(), taskName, config.envIndex()));
        Path scene = Assets.scene(config, sceneFile).toAbsolutePath().normalize();
        this.model = PRISTINE_MODELS.computeIfAbsent(scene, MjModel::load).copy();
        try {
            this.data = model.makeData();
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        qpos = data.qpos();
        qvel = data.qvel();
        ctrl = data.ctrl();
        mocapPos = data.mocapPos();
        mocapQuat = data.mocapQuat();
        xpos = data.xpos();
        xquat = data.xquat();
        siteXpos = data.siteXpos();
        siteXmat = data.siteXmat();
        geomXpos = data.geomXpos();
        geomXmat = data.geomXmat();
        mocapIndex = model.bodyMocapId().get(model.id(MjObj.BODY, "mocap"));
        handBody = model.id(MjObj.BODY, "hand");
        rightFingerSite = model.id(MjObj.SITE, "rightEndEffector");
        leftFingerSite = model.id(MjObj.SITE, "leftEndEffector");
        leftPadBody = model.id(MjObj.BODY, "leftpad");
        rightPadBody = model.id(MjObj.BODY, "rightpad");
        leftPadGeom = model.id(MjObj.GEOM, "leftpad_geom");
        rightPadGeom = model.id(MjObj.GEOM, "rightpad_geom");
        goalSite = model.idOrMinusOne(MjObj.SITE, "goal");
        objPosFrom = xpos;
        objPosId = model.idOrMinusOne(MjObj.BODY, "obj");
        objQuatId = model.idOrMinusOne(MjObj.GEOM, "objGeom");
        resetMocapWelds();
    }

    /**
     * A per-environment stream: environments never share one, and the same (seed, task, index)
     * always gives the same stream. SplittableRandom's constructor mixes the 64-bit value.
     */
    static long streamSeed(long seed, String taskName, int envIndex) {
        long h = seed * 0x9E3779B97F4A7C15L;
        h ^= (long) taskName.hashCode() * 0xC2B2AE3D27D4EB4FL;
        h ^= ((long) envIndex + 1) * 0x165667B19E3779F9L;
        return h;
    }

    /**
     * Meta-World's reset_model: reset the hand ({@link #resetHand()}), place objects and the goal
     * (usually from {@link #stateRandVec()}), and return {@link #getObs()}.
     */
    protected abstract double[] resetModel();

    /**
     * Writes the object positions (3 per object, at most 2 objects) into {@code out}, returns how many.
     * Default: most scenes' one object, body {@code obj}'s centre of mass (Meta-World's get_body_com('obj')),
     * or what the constructor named with {@link #observeBody}, {@link #observeSite} or {@link #observeGeom}.
     */
    protected int objectPositions(double[] out) {
        int b = 3 * defaultObject(objPosId, "body obj");
        out[0] = objPosFrom.get(b);
        out[1] = objPosFrom.get(b + 1);
        out[2] = objPosFrom.get(b + 2);
        return 1;
    }

    /**
     * Writes the orientation (4 per object) of each object reported by {@link #objectPositions}.
     * The default is geom {@code objGeom}'s, as most single-object tasks report it; the constructor
     * may name another with {@link #observeBodyQuat}, {@link #observeGeomQuat} or {@link #observeZeroQuat}.
     */
    protected void objectQuaternions(double[] out) {
        if (objQuatId == ZERO_QUAT) {
            Arrays.fill(out, 0, 4, 0.0);
            return;
        }
        int id = defaultObject(objQuatId, "geom objGeom");
        if (objQuatFromBody) {
            xquat.get(4 * id, out, 0, 4);
        } else {
            // scipy's Rotation.from_matrix(data.get_geom_xmat(name)).as_quat(): (x, y, z, w)
            geomXmat.get(9 * id, scratch9);
            Rotations.matrixToQuatXyzw(scratch9, out);
        }
    }

    /** The observed object is body {@code name} (its centre of mass, get_body_com). */
    protected final void observeBody(String name) {
        observe(xpos, bodyId(name));
    }

    /** The observed object is site {@code name} (_get_site_pos). */
    protected final void observeSite(String name) {
        observe(siteXpos, siteId(name));
    }

    /** The observed object is geom {@code name} (get_geom_xpos), its orientation the geom's. */
    protected final void observeGeom(String name) {
        observe(geomXpos, geomId(name));
        observeQuat(false, geomId(name));
    }

    /** The observed orientation is body {@code name}'s xquat, (w, x, y, z) as Meta-World reads it. */
    protected final void observeBodyQuat(String name) {
        observeQuat(true, bodyId(name));
    }

    /** The observed orientation is geom {@code name}'s rotation as scipy's (x, y, z, w) quaternion. */
    protected final void observeGeomQuat(String name) {
        observeQuat(false, geomId(name));
    }

    /** The observed orientation is all zeros, as the tasks whose _get_quat_objects returns zeros report it. */
    protected final void observeZeroQuat() {
        objQuatId = ZERO_QUAT;
    }

    private void observe(DoubleBuffer positions, int id) {
        objPosFrom = positions;
        objPosId = id;
    }

    private void observeQuat(boolean fromBody, int id) {
        objQuatFromBody = fromBody;
        objQuatId = id;
    }

    private int defaultObject(int id, String what) {
        if (id < 0) {
            throw new IllegalStateException(taskName + "'s scene has no " + what + ": the task must say what it observes"
                    + " (observeBody, observeSite, observeGeom, or override objectPositions and"
                    + " objectQuaternions)");
        }
        return id;
    }

    /** Meta-World's evaluate_state: reward and info for the observation after a step. */
    protected abstract Evaluation evaluateState(double[] obs, double[] action);

    public record Evaluation(double reward, StepInfo info) {}

    /**
     * Meta-World's _target_site_config, run after every step: places site {@code goal}, or the one
     * named by {@link #targetSite}, at {@link #targetPos}; tasks with other sites override it.
     */
    protected void setTargetSites() {
        if (goalSite >= 0) {
            setSitePos(goalSite, targetPos);
        }
        if (otherGoalSite >= 0) {
            setSitePos(otherGoalSite, FAR_AWAY);
        }
    }

    /** The site that shows the goal instead of {@code goal}, or null where _target_site_config is empty. */
    protected final void targetSite(String name) {
        goalSite = name == null ? -1 : siteId(name);
    }

    /** Also moves {@code otherGoal}, the goal site of the scene's other task, out of sight after every step. */
    protected final void targetSite(String name, String otherGoal) {
        targetSite(name);
        otherGoalSite = siteId(otherGoal);
    }

    /** The task's main object for {@link #touchingMainObject()} is geom {@code name} instead of {@code objGeom}. */
    protected final void mainObjectGeom(String name) {
        mainObjectGeom = name;
    }

    @Override
    public String taskName() {
        return taskName;
    }

    @Override
    public EnvConfig config() {
        return config;
    }

    @Override
    public int episodeStep() {
        return curPathLength;
    }

    @Override
    public double[] targetPos() {
        return targetPos.clone();
    }

    /** The current rand vector (object / goal configuration drawn for this episode), or null. */
    public double[] lastRandVec() {
        return lastRandVec == null ? null : lastRandVec.clone();
    }

    @Override
    public double[] reset() {
        checkOpen();
        if (!initialised) {
            // SawyerXYZEnv.__init__ computed _prev_obs from the freshly loaded model; subclass
            // fields (object ids) only exist now, and nothing has moved the state since.
            fillFrame(prevFrame);
            initialised = true;
        }
        curPathLength = 0;
        didSeeSimException = false;
        data.reset();
        freshFromReset = true;
        double[] obs = resetModel();
        freshFromReset = false;
        lastResetObs = obs.clone();
        if (config.goalMode() == GoalMode.FIXED && frozenRandVec == null) {
            // Meta-World's benchmark samples a task by one unfrozen reset and keeps its final rand
            // vector; from then on the vector is frozen.
            frozenRandVec = lastRandVec;
        }
        episodeStarted = true;
        return obs;
    }

    @Override
    public StepResult step(double[] action) {
        checkOpen();
        if (!episodeStarted) {
            throw new IllegalStateException("step() before reset(): call reset() to start an episode of " + taskName);
        }
        if (action == null || action.length != ACTION_DIM) {
            throw new IllegalArgumentException("action must have " + ACTION_DIM + " entries (dx, dy, dz, gripper), got "
                    + (action == null ? "null" : action.length));
        }
        for (int i = 0; i < ACTION_DIM; i++) {
            if (!Double.isFinite(action[i])) {
                throw new IllegalArgumentException("action[" + i + "] is " + action[i]
                        + "; actions must be finite numbers in [-1, 1]");
            }
        }
        if (curPathLength >= config.maxPathLength()) {
            throw new IllegalStateException("Maximum path length " + config.maxPathLength() + " of " + taskName
                    + " exceeded: call reset() after a truncated step, or enable EnvConfig.autoReset");
        }
        setXyzAction(action);
        doSimulation(action[3], -action[3]);
        curPathLength++;
        setTargetSites();

        double[] obs;
        Evaluation e;
        if (didSeeSimException) {
            // Meta-World returns _last_stable_obs, which reset() does not refresh (so it can be the
            // previous episode's); before any stable step it would be None: use the reset's obs.
            obs = (haveStableObs ? lastStableObs : lastResetObs).clone();
            e = UNSTABLE;
        } else {
            obs = getObs();
            System.arraycopy(obs, 0, lastStableObs, 0, OBS_DIM);
            haveStableObs = true;
            e = evaluateState(obs, action);
        }
        boolean truncated = curPathLength >= config.maxPathLength();
        double[] resetObs = null;
        if (truncated && config.autoReset()) {
            resetObs = reset();
        }
        return new StepResult(obs, e.reward(), truncated, e.info(), resetObs);
    }

    /**
     * Benchmark aid for {@code env-bench}: runs {@code n} bare mj_steps on this environment's own
     * model and data from the current state, with the current controls, and returns the
     * nanoseconds taken. The episode is meaningless afterwards; call {@link #reset()} next.
     */
    public long timePhysicsSteps(int n) {
        checkOpen();
        episodeStarted = false;
        freshFromReset = false;
        return data.timeSteps(n);
    }

    /** Benchmark aid: nanoseconds in mj_step (steps, hand resets) since creation; the rest of a step is Java. */
    public long physicsNanos() {
        return physicsNanos;
    }

    /** Whether the simulation went unstable in this episode (Meta-World's _did_see_sim_exception). */
    public boolean sawSimulationInstability() {
        return didSeeSimException;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (handResetSnapshot != null) {
                handResetSnapshot.close();
            }
            data.close();
            model.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(taskName + " environment used after close()");
        }
    }

    private void setXyzAction(double[] action) {
        int b = 3 * mocapIndex;
        for (int i = 0; i < 3; i++) {
            double a = Math.max(-1.0, Math.min(1.0, action[i]));
            double p = mocapPos.get(b + i) + a * ACTION_SCALE;
            mocapPos.put(b + i, Math.max(mocapLow[i], Math.min(TASK_HAND_HIGH[i], p)));
        }
        setMocapQuat();
    }

    private void setMocapQuat() {
        int q = 4 * mocapIndex;
        for (int i = 0; i < 4; i++) {
            mocapQuat.put(q + i, MOCAP_QUAT[i]);
        }
    }

    /** MujocoEnv.do_simulation: gripper controls, then FRAME_SKIP mj_steps unless already unstable. */
    private void doSimulation(double ctrlRight, double ctrlLeft) {
        if (didSeeSimException) {
            return;
        }
        freshFromReset = false;
        ctrl.put(0, ctrlRight);
        ctrl.put(1, ctrlLeft);
        long t0 = System.nanoTime();
        int warnings = data.step(FRAME_SKIP);
        physicsNanos += System.nanoTime() - t0;
        if (warnings > 0) {
            didSeeSimException = true;
        }
    }

    /**
     * SawyerMocapBase.reset_mocap_welds: zero relative pose on every weld, then forward.
     * Meta-World writes {@code [0,0,0, 1,0,0,0]} in MuJoCo 2.1's weld layout (relpos, relquat);
     * MuJoCo 2.2.2 stores {@code [anchor(3), relpos(3), relquat(4), torquescale]}, so the same
     * meaning is anchor 0, relpos 0, relquat identity, torquescale left as compiled.
     */
    private void resetMocapWelds() {
        if (model.nmocap() > 0 && model.neq() > 0) {
            DoubleBuffer eq = model.eqData();
            int w = model.eqDataWidth();
            double[] v = {0, 0, 0, 0, 0, 0, 1, 0, 0, 0};
            for (int i = 0; i < model.neq(); i++) {
                if (model.eqType().get(i) == EQ_WELD) {
                    eq.put(i * w, v);
                }
            }
        }
        data.forward();
    }

    /** SawyerXYZEnv._reset_hand: hold the mocap at {@link #handInitPos} with the gripper open. */
    protected final void resetHand() {
        double[] key = freshFromReset && handResetReplay ? handResetKey() : null;
        if (key != null && handResetSnapshot != null && Arrays.equals(key, handResetSnapshotKey)) {
            data.copyFrom(handResetSnapshot);
            freshFromReset = false;
            handResetReplays++;
        } else {
            for (int s = 0; s < HAND_RESET_STEPS; s++) {
                write3(mocapPos, mocapIndex, handInitPos);
                setMocapQuat();
                doSimulation(-1, 1);
            }
            if (key != null && !didSeeSimException && Arrays.equals(key, lastHandResetKey)) {
                if (handResetSnapshot == null) {
                    handResetSnapshot = model.makeData();
                }
                handResetSnapshot.copyFrom(data);
                handResetSnapshotKey = key;
            }
            lastHandResetKey = key;
        }
        initTcp = tcpCenter();
    }

    /** Everything a hand reset from a fresh mj_resetData depends on: the model and the target. */
    private double[] handResetKey() {
        double[] m = model.editableValues();
        double[] k = Arrays.copyOf(m, m.length + 3);
        System.arraycopy(handInitPos, 0, k, m.length, 3);
        return k;
    }

    /** Benchmark and test aid: {@code false} simulates every hand reset (same results, slower); default: replay. */
    public void setHandResetReplay(boolean on) {
        handResetReplay = on;
    }

    /** How many hand resets were replayed from the saved state instead of simulated. */
    int handResetReplays() {
        return handResetReplays;
    }

    /** MujocoEnv._get_state_rand_vec: Fixed mode's frozen vector once drawn, else a fresh uniform reset-space draw. */
    protected final double[] stateRandVec() {
        if (frozenRandVec != null) {
            return frozenRandVec.clone();
        }
        if (resetLow == null) {
            throw new IllegalStateException(taskName + " did not call setRandomResetSpace in its constructor");
        }
        double[] v = new double[resetLow.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = resetLow[i] + (resetHigh[i] - resetLow[i]) * random.nextDouble();
        }
        lastRandVec = v;
        return v.clone();
    }

    /** The task's _random_reset_space. */
    protected final void setRandomResetSpace(double[] low, double[] high) {
        if (low.length != high.length) {
            throw new IllegalArgumentException("reset space bounds differ in length");
        }
        resetLow = low.clone();
        resetHigh = high.clone();
    }

    /** SawyerXYZEnv._get_obs: current frame, previous frame, goal (39 values). */
    protected final double[] getObs() {
        fillFrame(currFrame);
        double[] obs = new double[OBS_DIM];
        System.arraycopy(currFrame, 0, obs, 0, FRAME_LEN);
        System.arraycopy(prevFrame, 0, obs, FRAME_LEN, FRAME_LEN);
        System.arraycopy(targetPos, 0, obs, 2 * FRAME_LEN, 3);
        System.arraycopy(currFrame, 0, prevFrame, 0, FRAME_LEN);
        return obs;
    }

    private void fillFrame(double[] f) {
        int h = 3 * handBody;
        f[0] = xpos.get(h);
        f[1] = xpos.get(h + 1);
        f[2] = xpos.get(h + 2);
        int r = 3 * rightFingerSite, l = 3 * leftFingerSite;
        double gripper = RewardUtils.norm(siteXpos.get(r) - siteXpos.get(l), siteXpos.get(r + 1) - siteXpos.get(l + 1),
                siteXpos.get(r + 2) - siteXpos.get(l + 2));
        f[3] = Math.max(0.0, Math.min(1.0, gripper / 0.1));
        Arrays.fill(f, 4, FRAME_LEN, 0.0);
        int n = objectPositions(scratchPos);
        if (n < 1 || n > 2) {
            throw new IllegalStateException(taskName + " reported " + n + " objects; Meta-World V2 allows 1 or 2");
        }
        objectQuaternions(scratchQuat);
        for (int k = 0; k < n; k++) {
            System.arraycopy(scratchPos, 3 * k, f, 4 + 7 * k, 3);
            System.arraycopy(scratchQuat, 4 * k, f, 4 + 7 * k + 3, 4);
        }
    }

    protected final MjData data() {
        // The caller may write the state: a later hand reset must then be simulated.
        freshFromReset = false;
        return data;
    }

    private int cachedId(MjObj type, String name) {
        return idCache.computeIfAbsent(type, t -> new HashMap<>()).computeIfAbsent(name, n -> model.id(type, n));
    }

    protected final int bodyId(String name) {
        return cachedId(MjObj.BODY, name);
    }

    protected final int siteId(String name) {
        return cachedId(MjObj.SITE, name);
    }

    protected final int geomId(String name) {
        return cachedId(MjObj.GEOM, name);
    }

    /** get_body_com / data.get_body_xpos (a copy). */
    protected final double[] bodyCom(String name) {
        return bodyCom(bodyId(name));
    }

    protected final double[] bodyCom(int bodyId) {
        return read3(xpos, bodyId);
    }

    /** data.get_body_xquat, (w, x, y, z). */
    protected final double[] bodyXquat(String name) {
        int b = 4 * bodyId(name);
        return new double[] {xquat.get(b), xquat.get(b + 1), xquat.get(b + 2), xquat.get(b + 3)};
    }

    /** _get_site_pos / data.get_site_xpos (a copy). */
    protected final double[] sitePos(String name) {
        return read3(siteXpos, siteId(name));
    }

    protected final double[] sitePos(int siteId) {
        return read3(siteXpos, siteId);
    }

    /** data.get_site_xmat, row-major 9 values. */
    protected final double[] siteXmat(String name) {
        double[] m = new double[9];
        siteXmat.get(9 * siteId(name), m);
        return m;
    }

    /** data.get_geom_xpos (a copy). */
    protected final double[] geomXpos(String name) {
        return read3(geomXpos, geomId(name));
    }

    /** get_body_com into {@code out[off..off+2]} without allocating (for the per-step path). */
    protected final void bodyComInto(int bodyId, double[] out, int off) {
        int b = 3 * bodyId;
        out[off] = xpos.get(b);
        out[off + 1] = xpos.get(b + 1);
        out[off + 2] = xpos.get(b + 2);
    }

    /** _set_pos_site: writes the site's world position in the data (no forward). */
    protected final void setSitePos(int siteId, double[] pos) {
        write3(siteXpos, siteId, pos);
        freshFromReset = false;
    }

    /** sim.model.body_pos[id] = pos: moves a body in the model (takes effect at the next forward/step). */
    protected final void setModelBodyPos(String body, double[] pos) {
        write3(model.bodyPos(), bodyId(body), pos);
    }

    protected final double[] modelBodyPos(String body) {
        return read3(model.bodyPos(), bodyId(body));
    }

    /** sim.model.site_pos[id] = pos. */
    protected final void setModelSitePos(String site, double[] pos) {
        write3(model.sitePos(), siteId(site), pos);
    }

    protected final double[] modelSitePos(String site) {
        return read3(model.sitePos(), siteId(site));
    }

    /** model.get_joint_qpos_addr for 1-dof joints (hinge, slide). */
    protected final int jointQposAddr(String joint) {
        return model.jntQposAdr().get(cachedId(MjObj.JOINT, joint));
    }

    /** data.get_joint_qpos for a 1-dof joint. */
    protected final double jointQpos(String joint) {
        return qpos.get(jointQposAddr(joint));
    }

    /** data.set_joint_qpos for a 1-dof joint (no forward, as in mujoco_py). */
    protected final void setJointQpos(String joint, double value) {
        freshFromReset = false;
        qpos.put(jointQposAddr(joint), value);
    }

    protected final double[] qpos() {
        double[] q = new double[model.nq()];
        qpos.get(0, q);
        return q;
    }

    protected final double[] qvel() {
        double[] v = new double[model.nv()];
        qvel.get(0, v);
        return v;
    }

    /** MujocoEnv.set_state: qpos and qvel, then mj_forward. */
    protected final void setState(double[] newQpos, double[] newQvel) {
        if (newQpos.length != model.nq() || newQvel.length != model.nv()) {
            throw new IllegalArgumentException("set_state needs qpos[" + model.nq() + "] and qvel[" + model.nv()
                    + "], got " + newQpos.length + " and " + newQvel.length);
        }
        freshFromReset = false;
        qpos.put(0, newQpos);
        qvel.put(0, newQvel);
        data.forward();
    }

    /** SawyerXYZEnv._set_obj_xyz: object free joint position at qpos[9:12], its velocity zeroed. */
    protected final void setObjXyz(double[] pos) {
        setObjXyz(9, pos);
    }

    /**
     * _set_obj_xyz for a free joint at {@code qpos[start:start+3]}. qvel[9:15] is zeroed whatever the
     * start, as Meta-World's coffee tasks do (their mug is the first free joint, so those are arm and
     * finger velocities, not the mug's).
     */
    protected final void setObjXyz(int start, double[] pos) {
        double[] q = qpos();
        double[] v = qvel();
        System.arraycopy(pos, 0, q, start, 3);
        Arrays.fill(v, 9, 15, 0.0);
        setState(q, v);
    }

    /**
     * {@link #stateRandVec()} redrawn until object v[0:2] and goal v[3:5] are at least {@code minXyDist}
     * apart in x-y, as the object-and-goal tasks' reset_models do (np.linalg.norm: sqrt of sum of squares).
     */
    protected final double[] stateRandVecApart(double minXyDist) {
        double[] v = stateRandVec();
        while (Math.sqrt((v[0] - v[3]) * (v[0] - v[3]) + (v[1] - v[4]) * (v[1] - v[4])) < minXyDist) {
            v = stateRandVec();
        }
        return v;
    }

    /**
     * The one-joint tasks' _set_obj_xyz (buttons, handles, doors, door-unlock): the object's joint at
     * qpos[addr] set, qvel[addr] zeroed, then forward.
     */
    protected final void setObjJoint(int addr, double pos) {
        double[] q = qpos();
        double[] v = qvel();
        q[addr] = pos;
        v[addr] = 0;
        setState(q, v);
    }

    /** tcp_center: midpoint of the two finger sites. */
    protected final double[] tcpCenter() {
        int r = 3 * rightFingerSite, l = 3 * leftFingerSite;
        return new double[] {
            (siteXpos.get(r) + siteXpos.get(l)) / 2.0,
            (siteXpos.get(r + 1) + siteXpos.get(l + 1)) / 2.0,
            (siteXpos.get(r + 2) + siteXpos.get(l + 2)) / 2.0};
    }

    /** y of the left finger pad body now, as the caging rewards read it. */
    protected final double leftPadY() {
        return xpos.get(3 * leftPadBody + 1);
    }

    protected final double rightPadY() {
        return xpos.get(3 * rightPadBody + 1);
    }

    /** touching_main_object: both pads push on the main object's geom (positive summed contact force each). */
    protected final boolean touchingMainObject() {
        int geom = geomId(mainObjectGeom);
        return 0 < data.contactForceBetween(leftPadGeom, geom, true) && 0 < data.contactForceBetween(rightPadGeom, geom, true);
    }

    private static double[] read3(DoubleBuffer b, int id) {
        int o = 3 * id;
        return new double[] {b.get(o), b.get(o + 1), b.get(o + 2)};
    }

    private static void write3(DoubleBuffer b, int id, double[] pos) {
        int o = 3 * id;
        b.put(o, pos[0]);
        b.put(o + 1, pos[1]);
        b.put(o + 2, pos[2]);
    }
}
