package org.d2r.replay;

/**
 * Keyed state of one task's behaviour statistics: the running episode and a ring of the most
 * recent completed ones. A Flink POJO (public fields, no-argument constructor) so that its
 * checkpointed form is Flink's own serializer, not Kryo.
 */
public final class EpisodeStats {
    public long episodes;
    public float currentReturn;
    public boolean currentSuccess;
    public float[] recentReturns;
    public boolean[] recentSuccesses;
    public long lastSnapshotVersion;

    public EpisodeStats() {}

    static EpisodeStats empty(int recent) {
        EpisodeStats s = new EpisodeStats();
        s.recentReturns = new float[recent];
        s.recentSuccesses = new boolean[recent];
        return s;
    }

    void step(float reward, boolean success, long snapshotVersion) {
        currentReturn += reward;
        currentSuccess |= success;
        lastSnapshotVersion = snapshotVersion;
    }

    /** Closes the running episode into the ring. */
    void endEpisode() {
        int slot = (int) (episodes % recentReturns.length);
        recentReturns[slot] = currentReturn;
        recentSuccesses[slot] = currentSuccess;
        episodes++;
        currentReturn = 0;
        currentSuccess = false;
    }

    int recentCount() {
        return (int) Math.min(episodes, recentReturns.length);
    }

    float successRate() {
        int n = recentCount();
        int hits = 0;
        for (int i = 0; i < n; i++) {
            hits += recentSuccesses[i] ? 1 : 0;
        }
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
