package org.d2r.replay;

/**
 * Keyed state of one task's behaviour statistics: the running episode of each of the task's
 * environments and a ring of the most recent completed episodes. Episodes are told apart by
 * (environment id, episode index), so several environments of one task may interleave; an episode
 * an environment left without its truncation (its producer restarted and began a new one) is
 * dropped, never merged into the next. A Flink POJO (public fields, no-argument constructor) so that
 * its checkpointed form is Flink's own serializer, not Kryo.
 */
public final class EpisodeStats {
    public long episodes;
    /** Running episodes, one slot per environment seen: its id, episode index, return so far and success so far. */
    public int[] envIds = new int[0];
    public long[] envEpisodes = new long[0];
    public float[] envReturns = new float[0];
    public boolean[] envSuccesses = new boolean[0];
    public float[] recentReturns;
    public boolean[] recentSuccesses;
    public long lastSnapshotVersion;
    public long droppedPartialEpisodes;

    static EpisodeStats empty(int recent) {
        EpisodeStats s = new EpisodeStats();
        s.recentReturns = new float[recent];
        s.recentSuccesses = new boolean[recent];
        return s;
    }

    void step(int envId, long episode, float reward, boolean success, boolean truncated, long snapshotVersion) {
        int slot = slot(envId);
        if (envEpisodes[slot] != episode) {
            if (envEpisodes[slot] >= 0) droppedPartialEpisodes++;
            envEpisodes[slot] = episode;
            envReturns[slot] = 0;
            envSuccesses[slot] = false;
        }
        envReturns[slot] += reward;
        envSuccesses[slot] |= success;
        lastSnapshotVersion = snapshotVersion;
        if (truncated) {
            int ring = (int) (episodes % recentReturns.length);
            recentReturns[ring] = envReturns[slot];
            recentSuccesses[ring] = envSuccesses[slot];
            episodes++;
            envEpisodes[slot] = -1;
        }
    }

    private int slot(int envId) {
        for (int i = 0; i < envIds.length; i++) {
            if (envIds[i] == envId) return i;
        }
        int n = envIds.length;
        envIds = java.util.Arrays.copyOf(envIds, n + 1);
        envEpisodes = java.util.Arrays.copyOf(envEpisodes, n + 1);
        envReturns = java.util.Arrays.copyOf(envReturns, n + 1);
        envSuccesses = java.util.Arrays.copyOf(envSuccesses, n + 1);
        envIds[n] = envId;
        envEpisodes[n] = -1;
        return n;
    }

    int recentCount() {
        return (int) Math.min(episodes, recentReturns.length);
    }

    float successRate() {
        int n = recentCount();
        long hits = java.util.stream.IntStream.range(0, n).filter(i -> recentSuccesses[i]).count();
        return n == 0 ? 0f : (float) hits / n;
    }

    float meanReturn() {
        int n = recentCount();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += recentReturns[i];
        }
        return n == 0 ? 0f : (float) (sum / n);
    }
}
