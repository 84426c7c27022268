package org.vladapter.shapes.clip;

import org.vladapter.shapes.Colour;
import org.vladapter.shapes.SceneObject;
import org.vladapter.shapes.SceneSampler;
import org.vladapter.shapes.ShapeKind;

import java.util.ArrayList;
import java.util.List;

/**
 * The object phrases of the mini-CLIP's region term and where an object sits on the grid: every phrase
 * "a large red circle" the world can say (size x colour x shape, in enum order), and the grid cell that holds an
 * object's centre (the cell the {@link CellProbe} reads too).
 */
public final class RegionPhrases {

    private static final List<String> ALL = build();

    private RegionPhrases() {}

    /** @return every object phrase, indexed as {@link #index} */
    public static List<String> all() {
        return ALL;
    }

    /**
     * @param o an object
     * @return the index of its phrase in {@link #all}
     */
    public static int index(SceneObject o) {
        int shapes = ShapeKind.values().length;
        return ((o.large() ? 1 : 0) * Colour.values().length + o.colour().ordinal()) * shapes + o.shape().ordinal();
    }

    /**
     * @param o an object
     * @return the row-major index of the grid cell holding its centre
     */
    public static int cell(SceneObject o) {
        int grid = MiniClipConfig.GRID;
        int side = SceneSampler.IMAGE_SIZE / grid;
        return Math.min(grid - 1, o.y() / side) * grid + Math.min(grid - 1, o.x() / side);
    }

    private static List<String> build() {
        List<String> out = new ArrayList<>();
        for (String size : new String[] {"small", "large"}) {
            for (Colour c : Colour.values()) {
                for (ShapeKind s : ShapeKind.values()) {
                    out.add("a " + size + " " + c.word() + " " + s.word()); // both size words take "a"
                }
            }
        }
        return List.copyOf(out);
    }
}
