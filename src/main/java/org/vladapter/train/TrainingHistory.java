package org.vladapter.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-step losses and per-epoch summaries of a training run; saved in every checkpoint. */
public final class TrainingHistory {

    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private final List<LossRecord> losses = new ArrayList<>();
    private final List<EpochRecord> epochs = new ArrayList<>();

    /** @param record the loss of one step */
    public void addLoss(LossRecord record) {
        losses.add(record);
    }

    /** @param record the summary of one epoch */
    public void addEpoch(EpochRecord record) {
        epochs.add(record);
    }

    /** @return every step's loss, in step order */
    public List<LossRecord> losses() {
        return Collections.unmodifiableList(losses);
    }

    /** @return every finished epoch's summary */
    public List<EpochRecord> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** @return the step losses grouped by task key, in first-seen task order */
    public Map<String, List<LossRecord>> lossesByTask() {
        Map<String, List<LossRecord>> out = new LinkedHashMap<>();
        for (LossRecord r : losses) {
            out.computeIfAbsent(r.task(), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /**
     * @return validation scores per task as (epoch, score) lists, in first-seen task order
     */
    public Map<String, List<double[]>> validationByTask() {
        Map<String, List<double[]>> out = new LinkedHashMap<>();
        for (EpochRecord e : epochs) {
            for (Map.Entry<String, Double> s : e.validation().entrySet()) {
                out.computeIfAbsent(s.getKey(), k -> new ArrayList<>()).add(new double[] {e.epoch(), s.getValue()});
            }
        }
        return out;
    }

    /** @return the history as JSON */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * @param json JSON written by {@link #toJson()}
     * @return the history
     */
    public static TrainingHistory fromJson(String json) {
        TrainingHistory h = GSON.fromJson(json, TrainingHistory.class);
        return h == null ? new TrainingHistory() : h;
    }
}
