package org.vladapter.fuzz;

import org.vladapter.tasks.ReaderOptions;
import org.vladapter.tasks.TaskDataset;
import org.vladapter.tasks.VqaDataset;
import org.vladapter.vision.features.FeatureStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A VQA annotation file in the release's format read with {@link VqaDataset#load}: lenient JSON (single quotes,
 * comments, {@code NaN}, unquoted words), label scores out of [0, 1] ({@code 1e39} became an infinite loss
 * weight), duplicate keys, wrong types, missing keys, truncation and random edits.
 */
final class AnnotationInputs implements InputClass {

    static final String FILE = "karpathy_val.json";

    static final String ORIGINAL = "[\n"
            + "  {\"img_id\": \"COCO_val2014_000000000042\", \"label\": {\"net\": 1, \"nets\": 0.3}, \"question_id\": 42000,"
            + " \"sent\": \"What is the pizza on?\", \"answer_type\": \"other\", \"question_type\": \"what is the\"},\n"
            + "  {\"img_id\": \"COCO_val2014_000000000073\", \"label\": {\"yes\": 1}, \"question_id\": 73001,"
            + " \"sent\": \"Is this a bike?\", \"answer_type\": \"yes/no\", \"question_type\": \"is this a\"},\n"
            + "  {\"img_id\": \"COCO_val2014_000000000074\", \"label\": {}, \"question_id\": \"74002\","
            + " \"sent\": \"How many dogs?\"}\n"
            + "]\n";

    @Override
    public String name() {
        return "annotations";
    }

    @Override
    public List<FuzzCase> cases(Random random, int count) {
        var originalFiles = Mutations.files(FILE, Mutations.utf8(ORIGINAL));
        String[][] bad = {
            {"\"net\": 1", "\"net\": 1e39"},
            {"\"net\": 1", "\"net\": -1"},
            {"\"net\": 1", "\"net\": NaN"},
            {"\"net\": 1", "\"net\": 7"},
            {"\"net\": 1", "\"net\": \"1\""},
            {"\"sent\": \"Is this a bike?\"", "'sent': 'Is this a bike?'"},
            {"\"sent\": \"Is this a bike?\"", "\"sent\": Is this a bike"},
            {"\"yes\": 1}", "\"yes\": 1} /* checked */"},
            {"\"yes\": 1}", "\"yes\": 1,}"},
            {"\"question_id\": 73001", "\"question_id\": 73001, \"question_id\": 73002"},
            {"\"img_id\": \"COCO_val2014_000000000073\"", "\"img_id\": 73"},
            {"\"sent\": \"How many dogs?\"", "\"snt\": \"How many dogs?\""},
            {"\"question_id\": 42000", "\"question_id\": [42000]"},
            {"\"label\": {}", "\"label\": []"},
            {"{\"img_id\": \"COCO_val2014_000000000042\"", "\"x\", {\"img_id\": \"COCO_val2014_000000000042\""},
        };
        List<FuzzCase> fixed = new ArrayList<>();
        for (String[] b : bad) {
            fixed.add(new FuzzCase(b[1], Mutations.files(FILE, Mutations.utf8(Mutations.replaceFirst(ORIGINAL, b[0],
                    b[1]))), FILE, Expect.REFUSE, originalFiles));
        }
        fixed.add(new FuzzCase("empty-list", Mutations.files(FILE, Mutations.utf8("[]")), FILE, Expect.REFUSE,
                originalFiles));
        fixed.add(new FuzzCase("compact", Mutations.files(FILE, Mutations.utf8(ORIGINAL.replace("\n", "")
                .replace(": ", ":"))), FILE, Expect.ACCEPT_SAME, originalFiles));
        fixed.add(new FuzzCase("escaped", Mutations.files(FILE, Mutations.utf8(ORIGINAL.replace("pizza",
                "\\u0070izza"))), FILE, Expect.ACCEPT_SAME, originalFiles));
        return Mutations.assemble(fixed, count, () ->
                Mutations.randomJsonEdit(random, FILE, java.util.Map.of(), Mutations.utf8(ORIGINAL)));
    }

    @Override
    public Object load(Path folder, String target) {
        TaskDataset d = VqaDataset.load("karpathy_val", List.of(folder.resolve(target)), NO_FEATURES,
                ReaderOptions.defaults());
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            out.add(d.example(i, new Random(0)));
        }
        return out;
    }

    private static final FeatureStore NO_FEATURES = new FeatureStore() {
        @Override
        public float[][] features(String id) {
            throw new IllegalStateException("features are not read in the annotation fuzz class");
        }

        @Override
        public boolean contains(String id) {
            return true;
        }

        @Override
        public String describe() {
            return "no features";
        }
    };
}
