package org.vladapter.kernel;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.vladapter.recipe.VlTraining;
import org.vladapter.peft.ParameterSummary;
import org.vladapter.report.ResultsTable;
import tech.tablesaw.api.Table;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import javax.imageio.ImageIO;

/**
 * How the library's objects look in a notebook: the registry of renderers the kernel (and JJava, through
 * {@link LibraryExtension}) installs. A type joins with one line in {@link #defaults()}, or at run time with
 * {@link #html} / {@link #png}:
 *
 * <pre>{@code
 * Displays.html(MyResult.class, MyResult::toHtml, MyResult::toString);   // text/html with text/plain fallback
 * Displays.png(MyPlot.class, MyPlot::image);                              // image/png
 * }</pre>
 *
 * <p>{@link java.awt.image.BufferedImage}s render as {@code image/png} through the protocol library itself.
 */
public final class Displays {

    /** One type's renderer: HTML and text, or an image. */
    record Entry<T>(Class<T> type, Function<T, String> html, Function<T, String> text, Function<T, RenderedImage> image) {}

    private static final List<Entry<?>> ENTRIES = new CopyOnWriteArrayList<>(defaults());
    private static final List<Renderer> INSTALLED = new CopyOnWriteArrayList<>();

    private Displays() {}

    /** The library's renderers, one line per type. */
    private static List<Entry<?>> defaults() {
        return List.of(
                image(Chart.class, BitmapEncoder::getBufferedImage, c -> "chart: " + c.getTitle()),
                entry(Table.class, t -> TableHtml.of(t), Table::print),
                entry(ResultsTable.class, r -> TableHtml.of(r.table()), ResultsTable::toText),
                entry(ParameterSummary.class, SummaryHtml::of, s -> s.line() + "\n" + s.table().print()),
                entry(VlTraining.Result.class, SummaryHtml::of, SummaryHtml::text));
    }

    /**
     * Shows values of a type as {@code text/html} with a {@code text/plain} fallback, in every installed kernel.
     *
     * @param type the type (subclasses included)
     * @param html the HTML fragment of a value
     * @param text the plain-text form of a value
     * @param <T> the type
     */
    public static <T> void html(Class<T> type, Function<T, String> html, Function<T, String> text) {
        add(entry(type, html, text));
    }

    /**
     * Shows values of a type as {@code image/png}, in every installed kernel.
     *
     * @param type the type (subclasses included)
     * @param image draws a value
     * @param <T> the type
     */
    public static <T> void png(Class<T> type, Function<T, RenderedImage> image) {
        add(image(type, image, v -> type.getSimpleName()));
    }

    private static void add(Entry<?> e) {
        ENTRIES.add(e);
        for (Renderer r : INSTALLED) {
            register(r, e);
        }
    }

    /**
     * Registers every renderer with a kernel's renderer (and future ones added by {@link #html}/{@link #png}).
     *
     * @param renderer the kernel's renderer
     */
    static void installInto(Renderer renderer) {
        if (!INSTALLED.contains(renderer)) {
            INSTALLED.add(renderer);
            for (Entry<?> e : ENTRIES) {
                register(renderer, e);
            }
        }
    }

    /** @param renderer a renderer to stop updating */
    static void uninstall(Renderer renderer) {
        INSTALLED.remove(renderer);
    }

    private static <T> void register(Renderer renderer, Entry<T> e) {
        if (e.image() != null) {
            renderer.createRegistration(e.type()).preferring(MIMEType.IMAGE_PNG).register((value, ctx) -> {
                ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(e.image().apply(value)));
                ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> e.text().apply(value));
            });
        } else {
            renderer.createRegistration(e.type()).preferring(MIMEType.TEXT_HTML).register((value, ctx) -> {
                ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> e.html().apply(value));
                ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> e.text().apply(value));
            });
        }
    }

    private static <T> Entry<T> entry(Class<T> type, Function<T, String> html, Function<T, String> text) {
        return new Entry<>(type, html, text, null);
    }

    private static <T> Entry<T> image(Class<T> type, Function<T, RenderedImage> image, Function<T, String> text) {
        return new Entry<>(type, null, text, image);
    }

    /**
     * @param image an image
     * @return its PNG encoding in base64 (what {@code image/png} display data carries)
     */
    static String png(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
