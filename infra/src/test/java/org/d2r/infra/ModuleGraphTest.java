package org.d2r.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The module graph shows the architecture: library modules (the schemas, Meta-World, the algorithm)
 * know no role and hold no command-line code; no role module depends on another role module; the
 * roles' ports know nothing of Kafka or Flink; and the Kafka adapters know nothing of D2R's model (they move the
 * ports' plain data, a batch's arrays, a routing path's bits and a snapshot's bytes, and nothing that computes with them).
 * Read from the POMs and sources of the checkout the tests run in.
 */
class ModuleGraphTest {

    private static final Path ROOT = root();
    private static final Set<String> LIBRARIES = Set.of("d2r-schemas", "d2r-metaworld", "d2r-core");
    private static final Set<String> ROLES = Set.of("d2r-env-producers", "d2r-learner-job", "d2r-evaluator-job", "d2r-replay-job");

    @Test
    void noRoleModuleDependsOnAnotherAndLibrariesDependOnNoRole() throws Exception {
        Map<String, Module> modules = modules();
        assertTrue(modules.keySet().containsAll(LIBRARIES), "modules found: " + modules.keySet());
        List<String> wrong = new ArrayList<>();
        for (Module m : modules.values()) {
            for (String dep : m.d2rDependencies) {
                if (ROLES.contains(m.artifact) && ROLES.contains(dep)) wrong.add(m.artifact + " -> " + dep + " (role on role)");
                if (LIBRARIES.contains(m.artifact) && !LIBRARIES.contains(dep)) wrong.add(m.artifact + " -> " + dep + " (library on non-library)");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theReplayJobAndTheCommandLineStayLight() throws Exception {
        // the replay job's jar for a Flink cluster is all of the module's dependencies (no shade filters): none may
        // bring the learner, ND4J or Meta-World; the shared command line is what lets it take the roles' options
        Map<String, Module> modules = modules();
        assertEquals(Set.of("d2r-schemas", "d2r-cli"), modules.get("d2r-replay-job").d2rDependencies, "replay-job's modules");
        assertEquals(Set.of("d2r-schemas"), modules.get("d2r-cli").d2rDependencies, "cli's modules");
    }

    @Test
    void theRunMonitorReadsTopicsNeverTheModelOrARolesMemory() throws Exception {
        // the monitor works the same in every mode because all it knows is the topics: the schemas, the shared command
        // line and at most the Kafka adapters; not the algorithm, Meta-World, the learner or another role
        Module monitor = modules().get("d2r-monitor");
        assertTrue(monitor != null, "module monitor");
        assertTrue(Set.of("d2r-schemas", "d2r-cli", "d2r-kafka-io").containsAll(monitor.d2rDependencies),
                "monitor's modules: " + monitor.d2rDependencies);
        assertEquals(List.of(), sourcesImporting(monitor.dir, Pattern.compile(
                "^import org\\.d2r\\.(core|metaworld|learner|roles|producers|evaluator|replay)\\.", Pattern.MULTILINE)));
    }

    @Test
    void theRolesPortsKnowNoKafkaOrFlink() throws Exception {
        Module roles = modules().get("d2r-roles");
        assertTrue(roles != null, "module roles");
        for (String dep : roles.allDependencies) {
            assertTrue(!dep.contains("kafka") && !dep.contains("flink"), "roles depends on " + dep);
        }
        assertEquals(List.of(), sourcesImporting(roles.dir, Pattern.compile("^import (org\\.apache\\.(kafka|flink)|org\\.d2r\\.kafka)\\.", Pattern.MULTILINE)));
    }

    @Test
    void theKafkaAdaptersKnowNoModel() throws Exception {
        Module kafka = modules().get("d2r-kafka-io");
        assertTrue(kafka != null, "module kafka-io");
        assertEquals(List.of(), sourcesImporting(kafka.dir,
                Pattern.compile("^import org\\.d2r\\.core\\.(model|nn|baselines|config)\\.|^import org\\.d2r\\.core\\.sac\\.MultiTaskSac",
                        Pattern.MULTILINE)));
    }

    @Test
    void libraryModulesHoldNoCommandLineCode() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Module m : modules().values()) {
            if (!LIBRARIES.contains(m.artifact)) continue;
            wrong.addAll(sourcesImporting(m.dir, Pattern.compile("^import picocli\\.|static void main\\(String", Pattern.MULTILINE)));
        }
        assertEquals(List.of(), wrong, "command-line code belongs in the command modules");
    }

    private record Module(String artifact, Path dir, Set<String> d2rDependencies, Set<String> allDependencies) {}

    private static Map<String, Module> modules() throws Exception {
        Map<String, Module> out = new LinkedHashMap<>();
        try (Stream<Path> poms = Files.walk(ROOT, 3)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
                    .filter(p -> !p.toString().contains("/target/")).toList()) {
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
                Element project = doc.getDocumentElement();
                String artifact = childText(project, "artifactId");
                Set<String> d2r = new TreeSet<>();
                Set<String> all = new TreeSet<>();
                for (Element deps : children(project, "dependencies")) {
                    for (Element dep : children(deps, "dependency")) {
                        String a = childText(dep, "artifactId");
                        all.add(childText(dep, "groupId") + ":" + a);
                        if ("org.d2r".equals(childText(dep, "groupId")) && !"test".equals(childText(dep, "scope"))) d2r.add(a);
                    }
                }
                out.put(artifact, new Module(artifact, pom.getParent(), d2r, all));
            }
        }
        return out;
    }

    private static List<String> sourcesImporting(Path moduleDir, Pattern pattern) throws IOException {
        Path main = moduleDir.resolve("src/main/java");
        if (!Files.isDirectory(main)) return List.of();
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (pattern.matcher(Files.readString(f)).find()) hits.add(ROOT.relativize(f).toString());
            }
        }
        return hits;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) out.add(e);
        }
        return out;
    }

    private static String childText(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0).getTextContent().trim();
    }

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("schemas/pom.xml"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("not inside the project checkout: " + Path.of("").toAbsolutePath());
        return p;
    }
}
