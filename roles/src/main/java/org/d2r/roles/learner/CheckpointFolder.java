package org.d2r.roles.learner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.d2r.core.io.Checkpoint;
import org.d2r.core.sac.MultiTaskSac;
import org.d2r.roles.BatchSource;

/**
 * The learner's checkpoints in {@code runDir/checkpoints}: one file per checkpointed update, named by
 * the update count, with the last applied batch sequence and the batch source's state in the extras
 * so that a restart asks the source for exactly the next batch. The newest two are kept.
 */
final class CheckpointFolder {

    static final String LAST_SEQUENCE = "learner.lastAppliedSequence";
    /** Environment steps per task behind the last applied batch, so a resumed learner's first snapshot has them. */
    static final String ENV_STEPS = "learner.envStepsPerTask";

    private static final String SUFFIX = ".ckpt";
    private static final int KEEP = 2;

    private final Path dir;
    private final String prefix;

    /** @param prefix names this mode's checkpoints (learner-, local-, offline-): a folder is resumed by its own mode only */
    CheckpointFolder(Path runDir, String prefix) throws IOException {
        this.dir = Files.createDirectories(runDir.resolve("checkpoints"));
        this.prefix = prefix;
    }

    Path write(MultiTaskSac sac, long lastSequence, long envStepsPerTask, Map<String, byte[]> sourceState) throws IOException {
        Path file = dir.resolve(String.format("%s%012d%s", prefix, sac.updateCount(), SUFFIX));
        Map<String, byte[]> extras = new HashMap<>(sourceState);
        extras.put(LAST_SEQUENCE, ByteBuffer.allocate(8).putLong(lastSequence).array());
        extras.put(ENV_STEPS, ByteBuffer.allocate(8).putLong(envStepsPerTask).array());
        Checkpoint.write(sac, extras, file);
        List<Path> all = list();
        for (int i = 0; i < all.size() - KEEP; i++) Files.deleteIfExists(all.get(i));
        return file;
    }

    /**
     * Restores the newest intact checkpoint into {@code sac}, and what it kept of the batch source into {@code source};
     * empty when there is none. A newer one that is truncated or corrupt (a crash or a full disk while it was written)
     * is renamed {@code *.corrupt} and named in the result's note: the run loses the updates since the one before it,
     * not its correctness.
     */
    Optional<LearnerLoop.Resumed> restoreLatest(MultiTaskSac sac, BatchSource source) throws IOException {
        List<Path> all = list();
        List<String> skipped = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) {
            Path file = all.get(i);
            Map<String, byte[]> extras;
            try {
                extras = Checkpoint.restore(sac, file); // checks the whole file's CRC before it sets anything
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith("checkpoint does not match")) {
                    throw new IllegalStateException("checkpoint " + file + " cannot be resumed by this learner: " + e.getMessage()
                            + ". A run folder belongs to one --method and --preset: resume with those, or use a fresh --run-dir", e);
                }
                Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                skipped.add(file + " (" + e.getMessage() + "; kept as " + aside.getFileName() + ")");
                continue;
            }
            byte[] seq = extras.get(LAST_SEQUENCE);
            if (seq == null || seq.length != 8) {
                throw new IllegalStateException("checkpoint " + file + " has no learner batch sequence: it was written"
                        + " before every mode shared one learner loop; use a fresh --run-dir");
            }
            byte[] steps = extras.get(ENV_STEPS);
            String note = skipped.isEmpty() ? null : "resumed from " + file.getFileName() + " (update " + sac.updateCount()
                    + ") because the newer " + String.join(", ", skipped) + " is unreadable";
            long lastSequence = ByteBuffer.wrap(seq).getLong();
            source.resume(new BatchSource.Resume(lastSequence, Map.copyOf(extras), note != null));
            return Optional.of(new LearnerLoop.Resumed(file, sac.updateCount(), lastSequence,
                    steps != null && steps.length == 8 ? ByteBuffer.wrap(steps).getLong() : -1, note));
        }
        if (!skipped.isEmpty()) {
            throw new IllegalStateException("no intact learner checkpoint in " + dir + ": " + String.join(", ", skipped)
                    + ". Start the run afresh with another --run-dir");
        }
        return Optional.empty();
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(SUFFIX)
                        && n.substring(prefix.length(), n.length() - SUFFIX.length()).chars().allMatch(Character::isDigit);
            }).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        }
    }
}
