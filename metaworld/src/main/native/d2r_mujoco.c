/*
 * JNI layer between org.d2r.metaworld.mujoco and Debian's MuJoCo 2.2.2.
 *
 * Design: Java never copies MuJoCo state per step. It asks once for direct ByteBuffers that
 * alias mjData / mjModel arrays (in MuJoCo 2.2 every mjData array, including contact and efc_*,
 * is allocated once in mj_makeData with nconmax / njmax capacity, so the addresses are stable for
 * the life of mjData). The only per-step native call is step(), which also reports whether MuJoCo
 * raised a warning, because mujoco_py turned warnings into exceptions and Meta-World relies on it.
 */
#include <jni.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <mujoco/mujoco.h>

#define CLS(name) Java_org_d2r_metaworld_mujoco_MujocoNative_##name

/* Field codes shared with MujocoNative.java; keep both lists in the same order. */
enum {
    D_QPOS, D_QVEL, D_CTRL, D_MOCAP_POS, D_MOCAP_QUAT, D_XPOS, D_XQUAT, D_SITE_XPOS, D_SITE_XMAT,
    D_GEOM_XPOS, D_GEOM_XMAT, D_EFC_FORCE, D_CONTACT, D_NCON, D_TIME
};
enum {
    M_BODY_POS, M_BODY_QUAT, M_SITE_POS, M_EQ_DATA, M_EQ_TYPE, M_JNT_QPOSADR, M_JNT_DOFADR,
    M_BODY_MOCAPID, M_GEOM_POS, M_OPT_TIMESTEP
};

static void throwNew(JNIEnv* env, const char* cls, const char* msg) {
    jclass c = (*env)->FindClass(env, cls);
    if (c != NULL) (*env)->ThrowNew(env, c, msg);
}

/*
 * MuJoCo's default error handler exits the process and its warning handler writes
 * MUJOCO_LOG.TXT into the working directory. Errors inside a guarded call jump back to the JNI
 * entry point and surface as IllegalStateException; warnings go to stderr only (the step path
 * reads them from mjData's counters).
 */
static __thread jmp_buf* guard = NULL;
static __thread char lastError[1000];

static void onError(const char* msg) {
    snprintf(lastError, sizeof(lastError), "%s", msg);
    if (guard != NULL) longjmp(*guard, 1);
    fprintf(stderr, "MuJoCo fatal error outside a guarded call: %s\n", msg);
    abort();
}

static void onWarning(const char* msg) {
    fprintf(stderr, "MuJoCo warning: %s\n", msg);
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM* vm, void* reserved) {
    mju_user_error = onError;
    mju_user_warning = onWarning;
    return JNI_VERSION_1_8;
}

#define GUARDED(env, failValue, body)                                              \
    do {                                                                           \
        jmp_buf here;                                                              \
        if (setjmp(here) != 0) {                                                   \
            guard = NULL;                                                          \
            char m[1100];                                                          \
            snprintf(m, sizeof(m), "MuJoCo error: %s", lastError);                 \
            throwNew(env, "java/lang/IllegalStateException", m);                   \
            return failValue;                                                      \
        }                                                                          \
        guard = &here;                                                             \
        body;                                                                      \
        guard = NULL;                                                              \
    } while (0)

JNIEXPORT jlong JNICALL CLS(loadXml)(JNIEnv* env, jclass cls, jstring path) {
    const char* p = (*env)->GetStringUTFChars(env, path, NULL);
    if (p == NULL) return 0;
    char err[1000] = {0};
    mjModel* m = NULL;
    GUARDED(env, 0, m = mj_loadXML(p, NULL, err, sizeof(err)));
    if (m == NULL) {
        char msg[1400];
        snprintf(msg, sizeof(msg), "MuJoCo could not load model '%s': %s", p, err);
        (*env)->ReleaseStringUTFChars(env, path, p);
        throwNew(env, "java/lang/IllegalArgumentException", msg);
        return 0;
    }
    (*env)->ReleaseStringUTFChars(env, path, p);
    return (jlong)(intptr_t)m;
}

JNIEXPORT jlong JNICALL CLS(copyModel)(JNIEnv* env, jclass cls, jlong m) {
    mjModel* c = NULL;
    GUARDED(env, 0, c = mj_copyModel(NULL, (const mjModel*)(intptr_t)m));
    if (c == NULL) throwNew(env, "java/lang/OutOfMemoryError", "mj_copyModel failed");
    return (jlong)(intptr_t)c;
}

JNIEXPORT void JNICALL CLS(freeModel)(JNIEnv* env, jclass cls, jlong m) {
    mj_deleteModel((mjModel*)(intptr_t)m);
}

JNIEXPORT jlong JNICALL CLS(makeData)(JNIEnv* env, jclass cls, jlong m) {
    mjData* d = NULL;
    GUARDED(env, 0, d = mj_makeData((const mjModel*)(intptr_t)m));
    if (d == NULL) throwNew(env, "java/lang/OutOfMemoryError", "mj_makeData failed");
    return (jlong)(intptr_t)d;
}

JNIEXPORT void JNICALL CLS(freeData)(JNIEnv* env, jclass cls, jlong d) {
    mj_deleteData((mjData*)(intptr_t)d);
}

/* nq nv nu nbody nsite ngeom nmocap neq njnt nconmax njmax sizeof(mjContact)
 * offsetof(geom1) offsetof(geom2) offsetof(efc_address) mjNEQDATA mjNWARNING */
JNIEXPORT jintArray JNICALL CLS(modelSizes)(JNIEnv* env, jclass cls, jlong mp) {
    const mjModel* m = (const mjModel*)(intptr_t)mp;
    jint s[17] = {m->nq, m->nv, m->nu, m->nbody, m->nsite, m->ngeom, m->nmocap, m->neq, m->njnt,
                  m->nconmax, m->njmax, (jint)sizeof(mjContact), (jint)offsetof(mjContact, geom1),
                  (jint)offsetof(mjContact, geom2), (jint)offsetof(mjContact, efc_address),
                  mjNEQDATA, mjNWARNING};
    jintArray a = (*env)->NewIntArray(env, 17);
    if (a != NULL) (*env)->SetIntArrayRegion(env, a, 0, 17, s);
    return a;
}

JNIEXPORT jobject JNICALL CLS(dataArray)(JNIEnv* env, jclass cls, jlong mp, jlong dp, jint field) {
    const mjModel* m = (const mjModel*)(intptr_t)mp;
    mjData* d = (mjData*)(intptr_t)dp;
    void* ptr = NULL;
    jlong bytes = 0;
    const jlong D = sizeof(mjtNum);
    switch (field) {
        case D_QPOS: ptr = d->qpos; bytes = D * m->nq; break;
        case D_QVEL: ptr = d->qvel; bytes = D * m->nv; break;
        case D_CTRL: ptr = d->ctrl; bytes = D * m->nu; break;
        case D_MOCAP_POS: ptr = d->mocap_pos; bytes = D * 3 * m->nmocap; break;
        case D_MOCAP_QUAT: ptr = d->mocap_quat; bytes = D * 4 * m->nmocap; break;
        case D_XPOS: ptr = d->xpos; bytes = D * 3 * m->nbody; break;
        case D_XQUAT: ptr = d->xquat; bytes = D * 4 * m->nbody; break;
        case D_SITE_XPOS: ptr = d->site_xpos; bytes = D * 3 * m->nsite; break;
        case D_SITE_XMAT: ptr = d->site_xmat; bytes = D * 9 * m->nsite; break;
        case D_GEOM_XPOS: ptr = d->geom_xpos; bytes = D * 3 * m->ngeom; break;
        case D_GEOM_XMAT: ptr = d->geom_xmat; bytes = D * 9 * m->ngeom; break;
        case D_EFC_FORCE: ptr = d->efc_force; bytes = D * m->njmax; break;
        case D_CONTACT: ptr = d->contact; bytes = (jlong)sizeof(mjContact) * m->nconmax; break;
        case D_NCON: ptr = &d->ncon; bytes = sizeof(int); break;
        case D_TIME: ptr = &d->time; bytes = D; break;
        default:
            throwNew(env, "java/lang/IllegalArgumentException", "unknown mjData field code");
            return NULL;
    }
    if (bytes == 0) ptr = d->buffer; /* empty arrays may be NULL; a 0-length buffer still needs an address */
    return (*env)->NewDirectByteBuffer(env, ptr, bytes);
}

JNIEXPORT jobject JNICALL CLS(modelArray)(JNIEnv* env, jclass cls, jlong mp, jint field) {
    mjModel* m = (mjModel*)(intptr_t)mp;
    void* ptr = NULL;
    jlong bytes = 0;
    const jlong D = sizeof(mjtNum);
    switch (field) {
        case M_BODY_POS: ptr = m->body_pos; bytes = D * 3 * m->nbody; break;
        case M_BODY_QUAT: ptr = m->body_quat; bytes = D * 4 * m->nbody; break;
        case M_SITE_POS: ptr = m->site_pos; bytes = D * 3 * m->nsite; break;
        case M_GEOM_POS: ptr = m->geom_pos; bytes = D * 3 * m->ngeom; break;
        case M_EQ_DATA: ptr = m->eq_data; bytes = D * mjNEQDATA * m->neq; break;
        case M_EQ_TYPE: ptr = m->eq_type; bytes = sizeof(int) * m->neq; break;
        case M_JNT_QPOSADR: ptr = m->jnt_qposadr; bytes = sizeof(int) * m->njnt; break;
        case M_JNT_DOFADR: ptr = m->jnt_dofadr; bytes = sizeof(int) * m->njnt; break;
        case M_BODY_MOCAPID: ptr = m->body_mocapid; bytes = sizeof(int) * m->nbody; break;
        case M_OPT_TIMESTEP: ptr = &m->opt.timestep; bytes = D; break;
        default:
            throwNew(env, "java/lang/IllegalArgumentException", "unknown mjModel field code");
            return NULL;
    }
    if (bytes == 0) ptr = m->buffer;
    return (*env)->NewDirectByteBuffer(env, ptr, bytes);
}

JNIEXPORT jint JNICALL CLS(name2id)(JNIEnv* env, jclass cls, jlong m, jint type, jstring name) {
    const char* n = (*env)->GetStringUTFChars(env, name, NULL);
    if (n == NULL) return -1;
    int id = mj_name2id((const mjModel*)(intptr_t)m, type, n);
    (*env)->ReleaseStringUTFChars(env, name, n);
    return id;
}

JNIEXPORT void JNICALL CLS(forward)(JNIEnv* env, jclass cls, jlong m, jlong d) {
    GUARDED(env, , mj_forward((const mjModel*)(intptr_t)m, (mjData*)(intptr_t)d));
}

JNIEXPORT void JNICALL CLS(resetData)(JNIEnv* env, jclass cls, jlong m, jlong d) {
    GUARDED(env, , mj_resetData((const mjModel*)(intptr_t)m, (mjData*)(intptr_t)d));
}

/* mj_copyData: dst becomes src's full state (both made from model m); dst's arrays stay put. */
JNIEXPORT void JNICALL CLS(copyData)(JNIEnv* env, jclass cls, jlong m, jlong dst, jlong src) {
    GUARDED(env, , mj_copyData((mjData*)(intptr_t)dst, (const mjModel*)(intptr_t)m, (const mjData*)(intptr_t)src));
}

static long warningTotal(const mjData* d) {
    long n = 0;
    for (int i = 0; i < mjNWARNING; i++) n += d->warning[i].number;
    return n;
}

/* n mj_steps in one crossing; returns how many MuJoCo warnings were raised meanwhile. */
JNIEXPORT jint JNICALL CLS(step)(JNIEnv* env, jclass cls, jlong mp, jlong dp, jint n) {
    const mjModel* m = (const mjModel*)(intptr_t)mp;
    mjData* d = (mjData*)(intptr_t)dp;
    long before = warningTotal(d);
    GUARDED(env, 0, for (int i = 0; i < n; i++) mj_step(m, d));
    return (jint)(warningTotal(d) - before);
}

/* Physics ceiling for env-bench: n bare mj_steps from the current state, nanoseconds taken. */
JNIEXPORT jlong JNICALL CLS(timeSteps)(JNIEnv* env, jclass cls, jlong mp, jlong dp, jint n) {
    const mjModel* m = (const mjModel*)(intptr_t)mp;
    mjData* d = (mjData*)(intptr_t)dp;
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    GUARDED(env, 0, for (int i = 0; i < n; i++) mj_step(m, d));
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (jlong)(b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
}
