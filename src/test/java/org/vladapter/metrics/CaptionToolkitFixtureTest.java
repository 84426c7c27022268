package org.vladapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caption metrics against the COCO caption toolkit itself: pycocoevalcap's {@code ptbtokenizer.py} running
 * {@code stanford-corenlp-3.4.1.jar}, then its BLEU, ROUGE-L and CIDEr-D, on 40 images of awkward captions
 * (hyphens, quotes, unicode punctuation, currency, times, abbreviations, contractions, emoji, accents). Values from
 * {@code tools/fixtures/make_caption_toolkit_fixture.py}.
 */
class CaptionToolkitFixtureTest {

    private static final Path FILE = Path.of("src/test/resources/fixtures/python/caption_toolkit_expected.json");

    private static JsonObject fixture;
    private static final List<String> candidates = new ArrayList<>();
    private static final List<List<String>> references = new ArrayList<>();
    private static final List<String> candidatesTokenized = new ArrayList<>();
    private static final List<String> referencesTokenized = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        fixture = JsonParser.parseString(Files.readString(FILE, StandardCharsets.UTF_8)).getAsJsonObject();
        for (JsonElement e : fixture.getAsJsonArray("images")) {
            JsonObject image = e.getAsJsonObject();
            candidates.add(image.get("candidate").getAsString());
            candidatesTokenized.add(image.get("candidate_tokenized").getAsString());
            List<String> refs = new ArrayList<>();
            for (JsonElement r : image.getAsJsonArray("references")) {
                refs.add(r.getAsString());
            }
            references.add(refs);
            for (JsonElement r : image.getAsJsonArray("references_tokenized")) {
                referencesTokenized.add(r.getAsString());
            }
        }
    }

    @Test
    void everyCaptionTokenisesAsTheToolkitDoes() {
        // two runs, as the toolkit's two PTBTokenizer calls: all references, then all candidates
        List<String> allRefs = new ArrayList<>();
        references.forEach(allRefs::addAll);
        assertThat(PtbCaptionTokenizer.tokenize(allRefs)).containsExactlyElementsOf(referencesTokenized);
        assertThat(PtbCaptionTokenizer.tokenize(candidates)).containsExactlyElementsOf(candidatesTokenized);
    }

    @Test
    void theToolkitsOwnQuirksAreKept() {
        // spot checks of the fixture itself, so a regenerated fixture cannot silently lose the corner cases
        assertThat(candidatesTokenized.get(1)).isEqualTo("y' all look at this rock 'n' roll band playing at 5pm");
        assertThat(candidatesTokenized.get(7)).isEqualTo("the price tag reads # 4.99 or $ 5.50 -lrb- approx -rrb-");
        assertThat(candidatesTokenized.get(24)).isEmpty();
    }

    @Test
    void scoresMatchTheToolkit() {
        CaptionScores s = CaptionEvaluator.builder().replaceUnk(false).build().evaluate(candidates, references);
        JsonObject expected = fixture.getAsJsonObject("scores");
        JsonArray bleu = expected.getAsJsonArray("BLEU");
        for (int k = 0; k < 4; k++) {
            assertThat(s.bleu()[k]).as("BLEU-" + (k + 1)).isCloseTo(bleu.get(k).getAsDouble(), within(1e-9));
        }
        assertThat(s.rougeL()).isCloseTo(expected.get("ROUGE-L").getAsDouble(), within(1e-9));
        assertThat(s.ciderD()).isCloseTo(expected.get("CIDEr-D").getAsDouble(), within(1e-9));
        JsonObject perImage = fixture.getAsJsonObject("per_image");
        for (String metric : perImage.keySet()) {
            JsonArray values = perImage.getAsJsonArray(metric);
            double[] actual = s.perImage().get(metric);
            assertThat(actual).as(metric).hasSize(values.size());
            for (int i = 0; i < values.size(); i++) {
                assertThat(actual[i]).as(metric + " image " + i).isCloseTo(values.get(i).getAsDouble(), within(1e-9));
            }
        }
    }
}
