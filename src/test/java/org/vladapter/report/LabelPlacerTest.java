package org.vladapter.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Label placement: a free spot goes to the first label, crowded ones move and get a leader line. */
class LabelPlacerTest {

    @Test
    void aLoneLabelSitsAboveItsPointWithoutALeader() {
        LabelPlacer placer = new LabelPlacer(800, 500, Math.log(0.1), Math.log(1000), 0, 100);
        placer.marker(10, 50);
        LabelPlacer.Placement p = placer.place("single-adapter (43.7, 6.92%)", 10, 50);
        assertThat(p.y()).isGreaterThan(50);
        assertThat(p.x()).isCloseTo(10, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.leader()).isFalse();
    }

    @Test
    void labelsOfCrowdedPointsDoNotOverlapAndTheFarOnesPointBack() {
        LabelPlacer placer = new LabelPlacer(800, 500, Math.log(0.1), Math.log(1000), 0, 100);
        double[][] points = {{10, 50}, {11, 50.5}, {12, 49.5}, {10.5, 51}, {11.5, 49}};
        for (double[] q : points) {
            placer.marker(q[0], q[1]);
        }
        int leaders = 0;
        java.util.List<LabelPlacer.Placement> all = new java.util.ArrayList<>();
        for (double[] q : points) {
            LabelPlacer.Placement p = placer.place("method-name-" + all.size() + " (40.0, 10.00%)", q[0], q[1]);
            all.add(p);
            if (p.leader()) {
                leaders++;
                // the leader ends between the point and the label centre, on the label's side
                assertThat(Math.signum(p.leaderY() - q[1])).isEqualTo(Math.signum(p.y() - q[1]));
            }
        }
        assertThat(leaders).as("five labels cannot all sit next to points this close").isPositive();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                boolean sameSpot = Math.abs(all.get(i).x() - all.get(j).x()) < 1e-9 && Math.abs(all.get(i).y() - all.get(j).y()) < 1e-9;
                assertThat(sameSpot).as("labels %d and %d share a spot", i, j).isFalse();
            }
        }
    }
}
