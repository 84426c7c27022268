package org.vladapter.shapes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The text {@code vladapter shapes describe} prints: splits, sizes and answer distributions. */
public final class Describe {

    private Describe() {}

    /**
     * @param world an opened world
     * @return a multi-line description
     */
    public static String text(ShapesWorld world) {
        ShapesData d = world.data();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "ShapesWorld %s (generator v%d) at %s%n", d.config().describe(),
                ShapesWorld.GENERATOR_VERSION, world.root().toAbsolutePath()));
        out.append(String.format(Locale.ROOT, "files: %s%n", size(world.root())));
        out.append("images: ").append(d.coco.size()).append(" COCO-like, ").append(d.gqaImages.size()).append(" GQA-like, ")
                .append(d.nlvr.values().stream().mapToInt(List::size).sum() * 2).append(" NLVR2-like; clips: ")
                .append(d.clips.size()).append(" (12 frames each)\n\n");
        d.vqa.forEach((split, qs) -> out.append(line("vqa/" + split, qs.size(), distribution(qs, VqaQuestion::majorityAnswer))));
        d.vqa.forEach((split, qs) -> {
            if (split.equals("karpathy_train")) {
                out.append(line("  answer types", qs.size(), distribution(qs, VqaQuestion::answerType)));
            }
        });
        d.gqa.forEach((split, qs) -> out.append(line("GQA/" + split, qs.size(), distribution(qs, GqaQuestion::answer))));
        d.gqa.forEach((split, qs) -> {
            if (split.equals("train")) {
                out.append(line("  structures", qs.size(), distribution(qs, GqaQuestion::structure)));
            }
        });
        d.nlvr.forEach((split, ss) -> out.append(line("nlvr/" + split, ss.size(), distribution(ss, s -> s.label() ? "true" : "false"))));
        for (String split : new String[] {"train", "val", "test"}) {
            long images = d.coco.stream().filter(i -> i.split().equals(split)).count();
            out.append(line("COCO/" + split, (int) images * 5, images + " images x 5 captions"));
        }
        d.tvqa.forEach((split, qs) -> out.append(line("tvqa/" + split, qs.size(), distribution(qs, q -> "a" + q.answerIndex()))));
        d.how2qa.forEach((split, qs) -> out.append(line("how2qa/" + split, qs.size(), distribution(qs, q -> "a" + q.answerIndex()))));
        d.tvc.forEach((split, ms) -> out.append(line("tvc/" + split, ms.size(), ms.stream().mapToInt(m -> m.descriptions().size()).sum() + " descriptions")));
        d.yc2c.forEach((split, ms) -> out.append(line("yc2c/" + split, ms.size(), ms.size() + " clip captions")));
        return out.toString();
    }

    private static String line(String name, int n, String detail) {
        return String.format(Locale.ROOT, "%-28s %6d  %s%n", name, n, detail);
    }

    private static <T> String distribution(List<T> items, Function<T, String> key) {
        Map<String, Long> counts = items.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
                .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / items.size()))
                .collect(Collectors.joining(", ")) + (counts.size() > 8 ? ", ... (" + counts.size() + " answers)" : "");
    }

    private static String size(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            long[] total = {0, 0};
            files.filter(Files::isRegularFile).forEach(f -> {
                total[0]++;
                try {
                    total[1] += Files.size(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return String.format(Locale.ROOT, "%d files, %.1f MB", total[0], total[1] / 1e6);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }
}
