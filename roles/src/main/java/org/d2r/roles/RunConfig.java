package org.d2r.roles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A run folder's {@code config.json} (and {@code config.resumed.json}, a resumed start's): what the run was started
 * with, for people and for {@code --resume}. One record for the ways a run is made ({@code train}, whose mode
 * is {@code embedded}, {@code train --local}, {@code train-offline}, and the pipeline's learner role on its own, as
 * compose runs it: mode {@code learner}); a setting a mode does not have is left out of the file. Settings the learner modules own (network, SAC, the recording read, the offline schedule) are kept as
 * the JSON their records wrote: they are recorded for people and never read back, and a tree reads old and new
 * layouts alike.
 *
 * <p>{@code formatVersion} counts changes a reader must know of. Files without it are format 0 (every release
 * before it): they are read with the same fields. A file of a newer format is refused naming both versions rather
 * than resumed with settings this build would misread.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunConfig(int formatVersion, String mode, String command, List<String> args, String startedUtc,
        String runId, String preset, String method, List<String> tasks, List<String> ablations, String goalMode, Long seed, Long stepsPerTask,
        Integer episodeLength, Long snapshotEvery, Long checkpointEvery, Long evalEvery, Integer evalEpisodes,
        Integer finalEpisodes, Integer replayPerTask, Integer metricsEvery, Long maxLead, String batchRows,
        String bootstrapServers, Boolean resumed, JsonNode network, JsonNode sac, JsonNode source, JsonNode schedule,
        List<String> outputs) {

    /** The format this build writes and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    public static final String EMBEDDED = "embedded";
    public static final String LOCAL = "local";
    public static final String OFFLINE = "offline";
    public static final String LEARNER = "learner";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Indented, with "key": value as the hand-written files had it (Jackson's default puts a space before the colon). */
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    public RunConfig {
        args = args == null ? null : List.copyOf(args);
        tasks = tasks == null ? null : List.copyOf(tasks);
        ablations = ablations == null ? null : List.copyOf(ablations);
        outputs = outputs == null ? null : List.copyOf(outputs);
        network = copy(network);
        sac = copy(sac);
        source = copy(source);
        schedule = copy(schedule);
    }

    // the trees are mutable: callers get copies so that the record stays what was written
    @Override public JsonNode network() { return copy(network); }
    @Override public JsonNode sac() { return copy(sac); }
    @Override public JsonNode source() { return copy(source); }
    @Override public JsonNode schedule() { return copy(schedule); }

    private static JsonNode copy(JsonNode n) {
        return n == null || n.isNull() ? null : n.deepCopy();
    }

    public static Builder builder(String mode) {
        return new Builder().mode(mode);
    }

    public void write(Path file) throws IOException {
        WRITER.writeValue(file.toFile(), this);
    }

    /** @throws IOException unreadable, not JSON, or of a format newer than {@link #FORMAT_VERSION} */
    public static RunConfig read(Path file) throws IOException {
        JsonNode doc = MAPPER.readTree(file.toFile());
        if (doc == null || !doc.isObject()) throw new IOException(file + " is not a JSON object");
        int version = doc.path("formatVersion").asInt(0);
        if (version > FORMAT_VERSION) {
            throw new IOException(file + " has config format version " + version + ", written by a newer d2r; this one"
                    + " reads versions up to " + FORMAT_VERSION + ": resume the run with the version that started it");
        }
        ObjectNode fields = (ObjectNode) doc;
        // format 0's train-offline wrote "as recorded" here; the recording's per-task counts are in "source"
        if (version == 0 && fields.path("stepsPerTask").isTextual()) fields.remove("stepsPerTask");
        try {
            return MAPPER.treeToValue(fields, RunConfig.class);
        } catch (com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
            // an edited file: name the setting and its value, not Jackson's reference chain
            String key = e.getPath().isEmpty() ? "?" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new IOException(file + ": \"" + key + "\" is " + doc.get(key) + ", not a "
                    + e.getTargetType().getSimpleName().toLowerCase(java.util.Locale.ROOT) + "; correct or remove it", e);
        }
    }

    /**
     * Building one field by field: most modes set a dozen of the record's settings. The fields are gathered as the
     * JSON the record reads, so each is named once, in the record.
     */
    public static final class Builder {
        private final ObjectNode fields = MAPPER.createObjectNode();

        private Builder() {}

        private Builder set(String key, Object v) {
            fields.set(key, v == null ? null : MAPPER.valueToTree(v));
            return this;
        }

        public Builder mode(String v) { return set("mode", v); }
        public Builder command(String v) { return set("command", v); }
        public Builder args(List<String> v) { return set("args", v); }
        public Builder startedUtc(String v) { return set("startedUtc", v); }
        public Builder runId(String v) { return set("runId", v); }
        public Builder preset(String v) { return set("preset", v); }
        public Builder method(String v) { return set("method", v); }
        public Builder tasks(List<String> v) { return set("tasks", v); }
        public Builder ablations(List<String> v) { return set("ablations", v == null || v.isEmpty() ? null : v); }
        public Builder goalMode(String v) { return set("goalMode", v); }
        public Builder seed(long v) { return set("seed", v); }
        public Builder stepsPerTask(long v) { return set("stepsPerTask", v); }
        public Builder episodeLength(int v) { return set("episodeLength", v); }
        public Builder snapshotEvery(long v) { return set("snapshotEvery", v); }
        public Builder checkpointEvery(long v) { return set("checkpointEvery", v); }
        public Builder evalEvery(long v) { return set("evalEvery", v); }
        public Builder evalEpisodes(int v) { return set("evalEpisodes", v); }
        public Builder finalEpisodes(int v) { return set("finalEpisodes", v); }
        public Builder replayPerTask(int v) { return set("replayPerTask", v); }
        public Builder maxLead(long v) { return set("maxLead", v); }
        public Builder batchRows(String v) { return set("batchRows", v); }
        public Builder bootstrapServers(String v) { return set("bootstrapServers", v); }
        public Builder resumed(boolean v) { return set("resumed", v); }
        public Builder network(Object v) { return set("network", v); }
        public Builder sac(Object v) { return set("sac", v); }
        public Builder source(Object v) { return set("source", v); }
        public Builder schedule(Object v) { return set("schedule", v); }
        public Builder outputs(List<String> v) { return set("outputs", v); }

        public RunConfig build() {
            return MAPPER.convertValue(fields.deepCopy().put("formatVersion", FORMAT_VERSION), RunConfig.class);
        }
    }
}
