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

    @Test
    void inProcessPoliciesKeepTheNewestVersion() {
        InProcessPolicies p = new InProcessPolicies();
        assertEquals(null, p.latest());
        p.publish(new PolicySource.Policy(3, 30, 100, null));
        p.publish(new PolicySource.Policy(2, 20, 90, null));
        assertEquals(3, p.latest().version(), "an older version does not replace a newer one");
        p.publish(new PolicySource.Policy(4, 40, 110, null));
        assertEquals(40, p.latest().updateCount());
    }
}
