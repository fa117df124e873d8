package org.d2r.learner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskFiguresTest {

    @Test
    void tenTasksAreListedAndMoreAreSummarised() {
        assertEquals("reach=0.10 push=-", TaskFigures.success(List.of("reach-v2", "push-v2"), new double[] {0.1, Double.NaN}));
        List<String> fifty = new ArrayList<>();
        double[] r = new double[50];
        for (int i = 0; i < 50; i++) fifty.add("task" + i + "-v2");
        r[7] = 0.5;
        r[9] = 0.25;
        assertEquals("mean 0.02, 2/50 above 0, best task7 0.50", TaskFigures.success(fifty, r));
        assertEquals("1.00 0.500", TaskFigures.alpha(new double[] {0, Math.log(0.5)}));
        double[] la = new double[50];
        la[3] = Math.log(0.5);
        assertEquals("mean 0.990 (0.500-1.00)", TaskFigures.alpha(la));
    }
}
