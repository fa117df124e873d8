package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help comes out of the real entry point, and the README's command table says what the entry
 * point registers: the same command names, and only options the commands' help lists.
 */
class CommandLineHelpTest {

    record Outcome(int code, String out, String err) {}

    /** bin/d2r with these arguments, its output and messages caught (the report's test runs it too). */
    static Outcome d2r(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = D2rCli.execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The command names D2rCli registers (the compose file's roles and the README's table must be among them). */
    static Set<String> commandNames() {
        return new CommandLine(new D2rCli()).getSubcommands().keySet();
    }

    @Test
    void everyCommandsHelpExitsZeroAndNamesItsOptions() {
        Outcome top = d2r("--help");
        assertEquals(0, top.code(), top.err());
        for (String name : commandNames()) {
            assertTrue(top.out().contains("  " + name + " "), "bin/d2r --help lists " + name + ":\n" + top.out());
            Outcome help = d2r(name, "--help");
            assertEquals(0, help.code(), name + ": " + help.err());
            assertTrue(help.out().startsWith("Usage: d2r " + name) || name.equals("help"), name + ":\n" + help.out());
            assertTrue(help.out().contains("--help"), name + ":\n" + help.out());
        }
    }

    /** picocli reports a description it cannot format (a bare '%') on System.err, beside the help it prints raw. */
    @Test
    void noCommandsHelpMakesPicocliWarn() {
        PrintStream before = System.err;
        ByteArrayOutputStream caught = new ByteArrayOutputStream();
        System.setErr(new PrintStream(caught, true, StandardCharsets.UTF_8));
        try {
            for (String name : commandNames()) {
                d2r(name, "--help");
                String warned = caught.toString(StandardCharsets.UTF_8);
                assertFalse(warned.contains("[picocli WARN]"), name + " --help: " + warned);
            }
        } finally {
            System.setErr(before);
        }
    }

    @Test
    void theReadmesCommandTableNamesExactlyTheRegisteredCommandsAndTheirOptions() throws IOException {
        Map<String, Set<String>> table = commandTable(readme());
        assertEquals(new TreeSet<>(commandNames()), new TreeSet<>(table.keySet()),
                "the README's command table and D2rCli's subcommands");
        for (Map.Entry<String, Set<String>> e : table.entrySet()) {
            String help = d2r(e.getKey(), "--help").out();
            for (String option : e.getValue()) {
                assertTrue(Pattern.compile("(?<![\\w-])" + Pattern.quote(option) + "(?![\\w-])").matcher(help).find(),
                        "README names " + option + " for " + e.getKey() + ", its help does not:\n" + help);
            }
        }
        assertTrue(table.get("train").contains("--bootstrap-servers") && table.get("train-local").contains("--ablation"),
                "the table was read: " + table);
    }

    @Test
    void everyCommandThatTalksToKafkaTakesBothNamesOfTheBrokerList() {
        for (String name : List.of("producers", "evaluator", "learner", "replay-job", "train", "export-transitions", "train-offline",
                "monitor")) {
            String help = d2r(name, "--help").out();
            for (String option : List.of("--bootstrap-servers", "--bootstrap", "--kafka-property", "--kafka-properties-file")) {
                assertTrue(Pattern.compile("(?<![\\w-])" + Pattern.quote(option) + "(?![\\w-])").matcher(help).find(),
                        name + " lacks " + option + ":\n" + help);
            }
        }
    }

    @Test
    void usageErrorsAreOneLineAndExitTwoFailuresNoStackTrace() {
        Outcome unknown = d2r("producers", "--bootstrap", "h:1", "--run-id", "r", "--frobnicate");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().startsWith("d2r producers: Unknown option: '--frobnicate'"), unknown.err());
        assertTrue(unknown.err().contains("bin/d2r producers --help") && !unknown.err().contains("\tat "), unknown.err());
        Outcome task = d2r("evaluator", "--bootstrap", "h:1", "--run-id", "r", "--run-dir", "d", "--tasks", "fly-v2");
        assertEquals(2, task.code());
        assertTrue(task.err().contains("'fly-v2'") && task.err().contains("reach-v2"), task.err());
        Outcome number = d2r("learner-bench", "--updates=1_0x");
        assertEquals(2, number.code());
        assertTrue(number.err().contains("--updates") && number.err().contains("1_000"), number.err());
        Outcome command = d2r("trian");
        assertEquals(2, command.code());
        assertTrue(command.err().contains("'trian'") && command.err().contains("train"), command.err());
        assertEquals(2, d2r().code(), "no command: the list, as a usage error");
        Outcome monitor = d2r("monitor", "--bootstrap", "h:1");
        assertEquals(2, monitor.code());
        assertTrue(monitor.err().startsWith("d2r monitor: --run-id NAME is required") && !monitor.err().contains("\tat "), monitor.err());
        Outcome port = d2r("monitor", "--bootstrap", "h:1", "--run-id", "r", "--port", "70000");
        assertEquals(2, port.code());
        assertTrue(port.err().contains("--port 70000") && port.err().contains("1-65535"), port.err());
        assertEquals(0, d2r("help", "train").code());
    }

    @Test
    void trainLocalIsTrainLocalAndCompletionCoversEveryCommand() {
        assertEquals(List.of("train-local", "--preset", "smoke"), List.of(D2rCli.dispatch(new String[] {"train", "--preset", "smoke", "--local"})));
        assertEquals(List.of("train", "--preset", "smoke"), List.of(D2rCli.dispatch(new String[] {"train", "--preset", "smoke"})));
        Outcome completion = d2r("completion");
        assertEquals(0, completion.code(), completion.err());
        for (String name : commandNames()) assertTrue(completion.out().contains(name), name);
        assertTrue(completion.out().contains("--kafka-properties-file") && completion.out().contains("complete -F _complete_d2r"),
                "options complete too");
    }

    /** README.md at the repository root (the tests run in infra/). */
    private static String readme() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("infra"))) {
                return Files.readString(dir.resolve("README.md"));
            }
        }
        throw new IOException("no README.md above " + Path.of("").toAbsolutePath());
    }

    /**
     * The table under "## Commands": each row's first cell names commands in backticks (a name, then options);
     * the options in backticks of the second cell belong to the row's command. {@code train --local} is the
     * command train-local, as the entry point dispatches it.
     */
    static Map<String, Set<String>> commandTable(String readme) {
        int start = readme.indexOf("\n## Commands\n");
        assertTrue(start >= 0, "README has a '## Commands' section");
        int end = readme.indexOf("\n## ", start + 1);
        Map<String, Set<String>> table = new LinkedHashMap<>();
        Pattern code = Pattern.compile("`([^`]+)`");
        Pattern option = Pattern.compile("(?<![\\w-])(--[a-z][a-z0-9-]*)");
        for (String line : readme.substring(start, end).split("\n")) {
            if (!line.startsWith("| `")) continue;
            String[] cells = line.replace("\\|", "/").split("\\|");
            List<String> commands = new ArrayList<>();
            Set<String> options = new LinkedHashSet<>();
            Matcher m = code.matcher(cells[1]);
            while (m.find()) {
                String[] words = m.group(1).trim().split("\\s+");
                String name = words[0];
                List<String> rest = List.of(words).subList(1, words.length);
                if (name.equals("train") && rest.contains("--local")) name = "train-local";
                commands.add(name);
                for (String w : rest) {
                    Matcher o = option.matcher(w);
                    if (o.find() && !w.equals("--local")) options.add(o.group(1));
                }
            }
            Matcher d = code.matcher(cells[2]);
            while (d.find()) {
                Matcher o = option.matcher(d.group(1));
                while (o.find()) options.add(o.group(1));
            }
            assertFalse(commands.isEmpty(), line);
            for (String c : commands) table.computeIfAbsent(c, k -> new LinkedHashSet<>()).addAll(options);
        }
        return table;
    }
}
