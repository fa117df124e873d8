package org.d2r.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentEpisodesTest {

    @Test
    void ratesOverEachTasksLastTenEpisodes() {
        RecentEpisodes r = new RecentEpisodes(2);
        assertTrue(Double.isNaN(r.successRates()[0]) && Double.isNaN(r.successRates()[1]), "NaN before an episode ends");
        for (int i = 0; i < 12; i++) r.add(0, i < 2);
        r.add(1, true);
        // the two successes (episodes 0 and 1) have left the window of the last ten
        assertEquals(0.0, r.successRates()[0]);
        assertEquals(1.0, r.successRates()[1]);
    }
}
