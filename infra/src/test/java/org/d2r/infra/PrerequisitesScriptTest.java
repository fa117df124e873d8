package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/prerequisites.sh} (what bin/d2r and .ci/run check before a build) and {@code scripts/build-errors.sh}
 * (what bin/d2r shows of a failed build), run by bash on a PATH of stand-ins: a java of a chosen version, an
 * {@code id} that says root or not, a sudo with or without a password, an apt-get that records what it was asked and
 * "installs" MuJoCo into a scratch system root. Nothing on this machine is installed or changed.
 */
class PrerequisitesScriptTest {

    private static final String MUJOCO_PACKAGES = "libmujoco-dev gcc libc6-dev";

    @TempDir
    Path tmp;
    private Path bin;
    private Path sysroot;
    private Path calls;
    private final Map<String, String> extraEnv = new java.util.HashMap<>();

    record Result(int exit, List<String> stderr, List<String> calls) {
        String line() {
            assertEquals(1, stderr.size(), "one line: " + stderr);
            return stderr.get(0);
        }
    }

    @BeforeEach
    void machineWithEverything() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        sysroot = tmp.resolve("root");
        calls = tmp.resolve("calls");
        java("17.0.9");
        for (String tool : List.of("javac", "mvn", "gcc")) fake(tool, "exit 0");
        user(1000);
        // the tools the script itself runs besides the ones it checks
        for (String tool : List.of("env", "mkdir", "true")) Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin/" + tool).toRealPath());
        fake("apt-get", "echo \"apt-get $* [$DEBIAN_FRONTEND]\" >> \"$CALLS\"\n"
                + "case \"$*\" in *install*libmujoco-dev*)\n"
                + "  /bin/mkdir -p \"$D2R_PREREQ_ROOT/usr/include/mujoco\" \"$D2R_PREREQ_ROOT/usr/lib/x86_64-linux-gnu\"\n"
                + "  : > \"$D2R_PREREQ_ROOT/usr/include/mujoco/mujoco.h\"; : > \"$D2R_PREREQ_ROOT/usr/lib/x86_64-linux-gnu/libmujoco.so\";;\n"
                + "esac");
        mujoco(true);
    }

    private void fake(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.deleteIfExists(p);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void java(String version) throws IOException {
        fake("java", "echo 'openjdk version \"" + version + "\" 2023-10-17' >&2\necho 'OpenJDK Runtime Environment' >&2");
    }

    private void user(int uid) throws IOException {
        fake("id", "echo " + uid);
    }

    private void mujoco(boolean present) throws IOException {
        Path header = sysroot.resolve("usr/include/mujoco/mujoco.h");
        Path lib = sysroot.resolve("usr/lib/x86_64-linux-gnu/libmujoco.so");
        if (present) {
            Files.createDirectories(header.getParent());
            Files.createDirectories(lib.getParent());
            Files.writeString(header, "");
            Files.writeString(lib, "");
        } else {
            Files.deleteIfExists(header);
            Files.deleteIfExists(lib);
        }
    }

    private static Path repoFile(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(name)) && Files.exists(dir.resolve("infra"))) return dir.resolve(name);
        }
        throw new IllegalStateException("no " + name + " above " + Path.of("").toAbsolutePath());
    }

    private Result run(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/bin/bash", repoFile(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", bin.toString());
        env.put("HOME", tmp.toString());
        env.put("D2R_PREREQ_ROOT", sysroot.toString());
        env.put("D2R_PREREQ_LOG", tmp.resolve("logs/prerequisites.log").toString());
        env.put("CALLS", calls.toString());
        env.putAll(extraEnv);
        pb.redirectOutput(tmp.resolve("stdout").toFile());
        pb.redirectError(tmp.resolve("stderr").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script finished");
        List<String> stderr = Files.readAllLines(tmp.resolve("stderr"), StandardCharsets.UTF_8);
        List<String> made = Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        return new Result(p.exitValue(), stderr, made);
    }

    private Result prerequisites(String... args) throws Exception {
        return run("scripts/prerequisites.sh", args);
    }

    @Test
    void aCompleteMachineIsSilent() throws Exception {
        Result r = prerequisites();
        assertEquals(0, r.exit(), r.stderr().toString());
        assertEquals(List.of(), r.stderr());
        assertEquals(List.of(), r.calls());
    }

    @Test
    void missingMujocoWithoutRootOrSudoIsOneLineSayingWhatToRun() throws Exception {
        mujoco(false);
        Result r = prerequisites();
        assertEquals(1, r.exit());
        assertEquals("d2r: missing MuJoCo 2.2.2's headers (no /usr/include/mujoco/mujoco.h); run as root: apt-get install -y "
                + MUJOCO_PACKAGES, r.line());
        assertEquals(List.of(), r.calls(), "nothing is installed");
    }

    @Test
    void aSudoThatAsksForAPasswordIsNotUsed() throws Exception {
        mujoco(false);
        fake("sudo", "[ \"$1\" = -n ] && exit 1\necho \"sudo $*\" >> \"$CALLS\"");
        Result r = prerequisites();
        assertEquals(1, r.exit());
        assertTrue(r.line().endsWith("; run as root: apt-get install -y " + MUJOCO_PACKAGES), r.line());
        assertEquals(List.of(), r.calls());
    }

    @Test
    void missingMujocoIsInstalledAsRoot() throws Exception {
        mujoco(false);
        user(0);
        Result r = prerequisites();
        assertEquals(0, r.exit(), r.stderr().toString());
        assertTrue(r.stderr().get(0).startsWith("d2r: installing " + MUJOCO_PACKAGES + " with apt-get (missing MuJoCo 2.2.2's headers"),
                r.stderr().toString());
        assertEquals(List.of("apt-get update -q [noninteractive]", "apt-get install -y -q " + MUJOCO_PACKAGES + " [noninteractive]"),
                r.calls());
        assertTrue(Files.exists(sysroot.resolve("usr/include/mujoco/mujoco.h")));
        assertEquals(0, prerequisites().exit(), "and the next check passes");
    }

    @Test
    void missingMujocoIsInstalledThroughAPasswordlessSudo() throws Exception {
        mujoco(false);
        fake("sudo", "[ \"$1\" = -n ] && shift\necho \"sudo $*\" >> \"$CALLS\"\nexec \"$@\"");
        Result r = prerequisites();
        assertEquals(0, r.exit(), r.stderr().toString());
        assertTrue(r.calls().contains("sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q " + MUJOCO_PACKAGES), r.calls().toString());
        assertTrue(r.calls().contains("apt-get install -y -q " + MUJOCO_PACKAGES + " [noninteractive]"), r.calls().toString());
    }

    @Test
    void aMissingLibraryBesideTheHeadersIsFoundToo() throws Exception {
        Files.delete(sysroot.resolve("usr/lib/x86_64-linux-gnu/libmujoco.so"));
        Result r = prerequisites();
        assertEquals(1, r.exit());
        assertTrue(r.line().startsWith("d2r: missing MuJoCo 2.2.2's library (no libmujoco.so); "), r.line());
    }

    @Test
    void anAptFailureIsOneLineWithAptsReason() throws Exception {
        mujoco(false);
        user(0);
        fake("apt-get", "case \"$*\" in *install*) echo 'E: Unable to locate package libmujoco-dev'; exit 100;; esac");
        Result r = prerequisites();
        assertEquals(1, r.exit());
        assertEquals(2, r.stderr().size(), "the installing line, then the reason: " + r.stderr());
        assertEquals("d2r: apt-get could not install " + MUJOCO_PACKAGES + " (E: Unable to locate package libmujoco-dev); fix that, then run: "
                + "apt-get install -y " + MUJOCO_PACKAGES, r.stderr().get(1));
    }

    @Test
    void missingJdkOrMavenIsNamedNotInstalled() throws Exception {
        user(0);
        Files.delete(bin.resolve("java"));
        Result r = prerequisites();
        assertEquals(1, r.exit());
        assertEquals("d2r: missing a JDK 17 (no java on the PATH); run: apt-get install -y openjdk-17-jdk-headless", r.line());
        assertEquals(List.of(), r.calls());

        java("17.0.9");
        Files.delete(bin.resolve("mvn"));
        mujoco(false);
        user(1000);
        r = prerequisites();
        assertEquals("d2r: missing Maven (no mvn on the PATH), MuJoCo 2.2.2's headers (no /usr/include/mujoco/mujoco.h); "
                + "run as root: apt-get install -y maven " + MUJOCO_PACKAGES, r.line(), "one command for all of it");
    }

    @Test
    void anOldJavaOrAJreIsNamed() throws Exception {
        java("11.0.21");
        Result r = prerequisites();
        assertEquals(1, r.exit());
        assertTrue(r.line().startsWith("d2r: missing a JDK 17 or newer (" + bin.resolve("java") + " is Java 11); "), r.line());
        java("1.8.0_292");
        assertTrue(prerequisites().line().contains("is Java 8)"));

        java("17.0.9");
        Files.delete(bin.resolve("javac"));
        assertTrue(prerequisites().line().startsWith("d2r: missing a JDK with javac (" + bin.resolve("java") + " is a JRE); "));
    }

    @Test
    void javaHomeIsCheckedToo() throws Exception {
        Path jdk11 = Files.createDirectories(tmp.resolve("jdk11/bin"));
        Files.writeString(jdk11.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.2\"' >&2\n");
        Files.setPosixFilePermissions(jdk11.resolve("java"), PosixFilePermissions.fromString("rwxr-xr-x"));
        extraEnv.put("JAVA_HOME", jdk11.getParent().toString());
        Result r = prerequisites();
        assertEquals(1, r.exit());
        assertTrue(r.line().contains("(JAVA_HOME=" + jdk11.getParent() + " is Java 11)"), r.line());
    }

    @Test
    void ciInstallsTheToolchainToo() throws Exception {
        user(0);
        Files.delete(bin.resolve("mvn"));
        Result r = prerequisites("--install-toolchain");
        assertEquals(0, r.exit(), r.stderr().toString());
        assertEquals(List.of("apt-get update -q [noninteractive]", "apt-get install -y -q maven [noninteractive]"), r.calls());
    }

    @Test
    void withoutAptItSaysWhatIsMissing() throws Exception {
        mujoco(false);
        user(0);
        Files.delete(bin.resolve("apt-get"));
        Result r = prerequisites();
        assertEquals(1, r.exit());
        assertTrue(r.line().startsWith("d2r: missing MuJoCo 2.2.2's headers (no /usr/include/mujoco/mujoco.h); install them with your package"
                + " manager (on Debian or Ubuntu: apt-get install -y " + MUJOCO_PACKAGES + ")"), r.line());
    }

    @Test
    void aMujocoIncludeThatIsWrongIsNamed() throws Exception {
        extraEnv.put("MUJOCO_INCLUDE", tmp.resolve("nowhere").toString());
        Result r = prerequisites();
        assertEquals(1, r.exit());
        assertTrue(r.line().startsWith("d2r: MUJOCO_INCLUDE=" + tmp.resolve("nowhere") + " has no mujoco/mujoco.h"), r.line());
    }

    @Test
    void anUnknownOptionIsAUsageError() throws Exception {
        Result r = prerequisites("--bogus");
        assertEquals(2, r.exit());
        assertTrue(r.line().contains("unknown option --bogus"), r.line());
    }

    @Test
    void aFailedBuildShowsItsCauseNotMavensBoilerplateOrStackFrames() throws Exception {
        for (String tool : List.of("sed", "grep", "head", "cut")) Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin/" + tool).toRealPath());
        Path log = tmp.resolve("build.log");
        // as a failed `mvn -B -ntp install` writes it (Maven's colour resets included), with a compiler error added
        Files.writeString(log, String.join("\n",
                "\u001b[0m\u001b[0m[INFO] Scanning for projects...",
                "[INFO] --- maven-antrun-plugin:3.1.0:run (compile-mujoco-jni) @ d2r-metaworld ---",
                "[INFO] Executing tasks",
                "[INFO]      [exec] ERROR: MuJoCo headers not found (/usr/include/mujoco/mujoco.h). Install MuJoCo 2.2.2: sudo apt-get install libmujoco-dev",
                "[INFO]      [exec] d2r_mujoco.c:12:10: fatal error: mujoco/mujoco.h: No such file or directory",
                "[INFO] BUILD FAILURE",
                "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-antrun-plugin:3.1.0:run (compile-mujoco-jni) on project"
                        + " d2r-metaworld: An Ant BuildException has occured: exec returned: 1",
                "[ERROR] around Ant part ...<exec failonerror=\"true\" executable=\"sh\">... @ 4:46 in /r/metaworld/target/antrun/build-main.xml",
                "org.apache.tools.ant.BuildException: exec returned: 1",
                "    at org.apache.tools.ant.taskdefs.ExecTask.runExecute (ExecTask.java:675)",
                "[ERROR] -> [Help 1]",
                "[ERROR] ",
                "[ERROR] To see the full stack trace of the errors, re-run Maven with the -e switch.",
                "[ERROR] Re-run Maven using the -X switch to enable full debug logging.",
                "[ERROR] For more information about the errors and possible solutions, please read the following articles:",
                "[ERROR] [Help 1] http://cwiki.apache.org/confluence/display/MAVEN/MojoExecutionException",
                "[ERROR] After correcting the problems, you can resume the build with the command",
                "[ERROR]   mvn <args> -rf :d2r-metaworld", ""));
        Result r = run("scripts/build-errors.sh", log.toString());
        assertEquals(0, r.exit());
        String shown = Files.readString(tmp.resolve("stdout"));
        assertEquals(List.of(
                "ERROR: MuJoCo headers not found (/usr/include/mujoco/mujoco.h). Install MuJoCo 2.2.2: sudo apt-get install libmujoco-dev",
                "d2r_mujoco.c:12:10: fatal error: mujoco/mujoco.h: No such file or directory",
                "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-antrun-plugin:3.1.0:run (compile-mujoco-jni) on project"
                        + " d2r-metaworld: An Ant BuildException has occured: exec returned: 1"),
                shown.lines().toList());
        assertFalse(shown.contains(" at "), shown);
    }
}
