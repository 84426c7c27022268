package org.vladapter.metrics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.vladapter.io.StrictJson;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the prediction and reference files of {@code vladapter evaluate}, in the simple formats (id to string, id to
 * list of strings) and in the official formats (VQA results and annotations, COCO caption results and annotations).
 */
public final class EvaluationFiles {

    private EvaluationFiles() {}

    /**
     * Parses a JSON file strictly (RFC 8259: no single quotes, comments, unquoted words or {@code NaN}; no duplicate
     * keys).
     *
     * @param path the file
     * @param role what the file is, for messages ("predictions", "references", ...)
     * @return the JSON tree
     * @throws EvaluationInputException when the file is missing, unreadable or not JSON
     */
    public static JsonElement readJson(Path path, String role) throws EvaluationInputException {
        try {
            return StrictJson.parse(path);
        } catch (NoSuchFileException e) {
            throw new EvaluationInputException(role + " file not found: " + path);
        } catch (StrictJson.JsonFileException e) {
            throw new EvaluationInputException("malformed JSON in " + role + " file " + path + ": " + e.detail());
        } catch (IOException e) {
            throw new EvaluationInputException("cannot read " + role + " file " + path + ": " + e);
        }
    }

    /**
     * Predictions: either an object {@code {id: "prediction"}} or a list of objects with {@code idKey} and
     * {@code textKey} (the official {@code [{question_id, answer}]} / {@code [{image_id, caption}]}).
     */
    public static Map<String, String> predictions(JsonElement json, Path path, String idKey, String textKey)
            throws EvaluationInputException {
        Map<String, String> out = new LinkedHashMap<>();
        if (json.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
                out.put(e.getKey(), string(e.getValue(), path, "value of \"" + e.getKey() + "\""));
            }
        } else if (json.isJsonArray()) {
            JsonArray list = json.getAsJsonArray();
            for (int i = 0; i < list.size(); i++) {
                JsonObject o = object(list.get(i), path, "element " + i);
                String id = id(o.get(idKey), path, "element " + i + " key \"" + idKey + "\"");
                String text = string(o.get(textKey), path, "element " + i + " key \"" + textKey + "\"");
                if (out.put(id, text) != null) {
                    throw new EvaluationInputException(path + ": duplicate prediction for " + idKey + " " + id
                            + " (element " + i + ")");
                }
            }
        } else {
            throw new EvaluationInputException(path + ": expected a JSON object {id: prediction} or a list of {\""
                    + idKey + "\", \"" + textKey + "\"}, found " + kind(json));
        }
        if (out.isEmpty()) {
            throw new EvaluationInputException(path + ": holds no predictions, so there is nothing to evaluate");
        }
        return out;
    }

    /** References: an object {@code {id: ["ref", ...]}} or {@code {id: "ref"}}. */
    public static Map<String, List<String>> references(JsonElement json, Path path) throws EvaluationInputException {
        if (!json.isJsonObject()) {
            throw new EvaluationInputException(path + ": expected a JSON object {id: [reference, ...]}, found "
                    + kind(json));
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : json.getAsJsonObject().entrySet()) {
            JsonElement v = e.getValue();
            List<String> refs = new ArrayList<>();
            if (v.isJsonArray()) {
                for (int i = 0; i < v.getAsJsonArray().size(); i++) {
                    refs.add(string(v.getAsJsonArray().get(i), path, "\"" + e.getKey() + "\"[" + i + "]"));
                }
            } else {
                refs.add(string(v, path, "value of \"" + e.getKey() + "\""));
            }
            if (refs.isEmpty()) {
                throw new EvaluationInputException(path + ": \"" + e.getKey() + "\" has an empty reference list");
            }
            out.put(e.getKey(), refs);
        }
        return out;
    }

    /** Official VQA annotations ({@code v2_mscoco_val2014_annotations.json}). */
    public static Map<String, VqaAnnotation> vqaAnnotations(JsonElement json, Path path) throws EvaluationInputException {
        JsonArray list = annotationList(json, path);
        Map<String, VqaAnnotation> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "annotations[" + i + "]";
            JsonObject o = object(list.get(i), path, where);
            String id = id(o.get("question_id"), path, where + ".question_id");
            JsonElement answers = o.get("answers");
            if (answers == null || !answers.isJsonArray() || answers.getAsJsonArray().isEmpty()) {
                throw new EvaluationInputException(path + ": " + where + ".answers must be a non-empty list");
            }
            List<String> texts = new ArrayList<>();
            for (int j = 0; j < answers.getAsJsonArray().size(); j++) {
                JsonObject a = object(answers.getAsJsonArray().get(j), path, where + ".answers[" + j + "]");
                texts.add(string(a.get("answer"), path, where + ".answers[" + j + "].answer"));
            }
            String questionType = o.has("question_type") ? string(o.get("question_type"), path, where) : null;
            String answerType = o.has("answer_type") ? string(o.get("answer_type"), path, where) : null;
            if (out.put(id, new VqaAnnotation(texts, questionType, answerType)) != null) {
                throw new EvaluationInputException(path + ": " + where + ".question_id " + id
                        + " appears twice (each question has one annotation)");
            }
        }
        return out;
    }

    /** Official COCO caption annotations ({@code captions_val2014.json}): image id to its captions. */
    public static Map<String, List<String>> captionAnnotations(JsonElement json, Path path)
            throws EvaluationInputException {
        JsonArray list = annotationList(json, path);
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "annotations[" + i + "]";
            JsonObject o = object(list.get(i), path, where);
            String id = id(o.get("image_id"), path, where + ".image_id");
            out.computeIfAbsent(id, k -> new ArrayList<>()).add(string(o.get("caption"), path, where + ".caption"));
        }
        return out;
    }

    private static JsonArray annotationList(JsonElement json, Path path) throws EvaluationInputException {
        if (!json.isJsonObject() || !json.getAsJsonObject().has("annotations")
                || !json.getAsJsonObject().get("annotations").isJsonArray()) {
            throw new EvaluationInputException(path + ": expected an official annotation file, a JSON object with an"
                    + " \"annotations\" list, found " + kind(json));
        }
        JsonArray list = json.getAsJsonObject().getAsJsonArray("annotations");
        if (list.isEmpty()) {
            throw new EvaluationInputException(path + ": the \"annotations\" list is empty");
        }
        return list;
    }

    private static JsonObject object(JsonElement e, Path path, String where) throws EvaluationInputException {
        if (e == null || !e.isJsonObject()) {
            throw new EvaluationInputException(path + ": " + where + " must be a JSON object, found " + kind(e));
        }
        return e.getAsJsonObject();
    }

    private static String string(JsonElement e, Path path, String where) throws EvaluationInputException {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new EvaluationInputException(path + ": " + where + " must be a string, found " + kind(e));
        }
        return e.getAsString();
    }

    private static String id(JsonElement e, Path path, String where) throws EvaluationInputException {
        if (e == null || !e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
            throw new EvaluationInputException(path + ": " + where + " must be a number or string id, found "
                    + kind(e));
        }
        return e.getAsString();
    }

    private static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "nothing";
        } else if (e.isJsonArray()) {
            return "a list";
        } else if (e.isJsonObject()) {
            return "an object";
        } else if (e.getAsJsonPrimitive().isString()) {
            return "a string";
        } else if (e.getAsJsonPrimitive().isNumber()) {
            return "a number (" + e + ")";
        }
        return "a boolean";
    }

    /**
     * Reads official VQA annotation files ({@code v2_mscoco_{train,val}2014_annotations.json}) into one map.
     *
     * @param files the annotation files
     * @return question id to its annotation (the 10 human answers)
     * @throws IllegalArgumentException naming the file and entry when a file is missing or malformed
     */
    public static Map<String, VqaAnnotation> readVqaAnnotations(List<Path> files) {
        Map<String, VqaAnnotation> out = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                for (Map.Entry<String, VqaAnnotation> e : vqaAnnotations(readJson(f, "annotations"), f).entrySet()) {
                    if (out.put(e.getKey(), e.getValue()) != null) {
                        throw new IllegalArgumentException(f + ": question_id " + e.getKey()
                                + " is also annotated in an earlier annotation file");
                    }
                }
            } catch (EvaluationInputException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return out;
    }
}
