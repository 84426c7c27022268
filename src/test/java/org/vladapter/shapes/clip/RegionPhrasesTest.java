package org.vladapter.shapes.clip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vladapter.shapes.Colour;
import org.vladapter.shapes.SceneObject;
import org.vladapter.shapes.ShapeKind;

import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;

/** The region term's phrases and cells, and the training's check of its weight. */
class RegionPhrasesTest {

    @Test
    void everyObjectHasItsOwnPhraseNamingItsSizeColourAndShape() {
        List<String> all = RegionPhrases.all();
        assertThat(all).hasSize(2 * Colour.values().length * ShapeKind.values().length);
        assertThat(new HashSet<>(all)).hasSameSizeAs(all);
        for (ShapeKind s : ShapeKind.values()) {
            for (Colour c : Colour.values()) {
                for (boolean large : new boolean[] {false, true}) {
                    SceneObject o = new SceneObject(s, c, large, 50, 50, 0);
                    assertThat(all.get(RegionPhrases.index(o))).isEqualTo("a " + o.fullName());
                }
            }
        }
    }

    @Test
    void theCellIsTheOneUnderTheCentreRowMajor() {
        SceneObject o = new SceneObject(ShapeKind.CIRCLE, Colour.RED, false, 0, 0, 0);
        assertThat(RegionPhrases.cell(o)).isZero();
        assertThat(RegionPhrases.cell(o.at(15, 16))).isEqualTo(7); // column 0, row 1 (16-pixel cells)
        assertThat(RegionPhrases.cell(o.at(111, 111))).isEqualTo(48);
        assertThat(RegionPhrases.cell(o.at(40, 100))).isEqualTo(6 * 7 + 2);
    }

    @Test
    void aNegativeOrNonFiniteRegionWeightIsRefused() {
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        for (double w : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new ClipTraining(1, 2, 4, 8, 4, 16, w, quiet))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region weight");
        }
    }
}
