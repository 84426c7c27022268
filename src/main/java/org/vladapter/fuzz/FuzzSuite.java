package org.vladapter.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the seeded fuzz cases of every input class in a child JVM ({@link FuzzWorker}) and collects the outcomes. A
 * worker that dies mid-case (a native abort, exit 134) marks that case {@link Outcome#CRASH} and a new worker
 * resumes after it; a case that hangs is {@link Outcome#HANG}.
 */
public final class FuzzSuite {

    /** The input classes, in report order. */
    public static final List<String> CLASSES = List.of("safetensors", "checkpoint", "config", "tokenizer",
            "hdf5-directory", "hdf5-file", "npy", "npz", "annotations", "evaluate");

    private FuzzSuite() {}

    static InputClass inputClass(String name) {
        return switch (name) {
            case "safetensors" -> new SafeTensorsInputs();
            case "checkpoint" -> new CheckpointInputs();
            case "config" -> new ConfigInputs();
            case "tokenizer" -> new TokenizerInputs();
            case "hdf5-directory" -> new FeatureInputs(true);
            case "hdf5-file" -> new FeatureInputs(false);
            case "npy" -> new NpyInputs(false);
            case "npz" -> new NpyInputs(true);
            case "annotations" -> new AnnotationInputs();
            case "evaluate" -> new EvaluateInputs();
            default -> throw new IllegalArgumentException("unknown fuzz input class '" + name + "'; classes: "
                    + String.join(", ", CLASSES));
        };
    }

    /**
     * One case's result.
     *
     * @param inputClass the class
     * @param index the case index
     * @param outcome the outcome
     * @param label the mutation
     * @param detail the error or "accepted"
     */
    public record Result(String inputClass, int index, Outcome outcome, String label, String detail) {}

    /**
     * The results of a run.
     *
     * @param results every case's result in order
     */
    public record Report(List<Result> results) {

        /** @return outcome counts per class */
        public Map<String, Map<Outcome, Integer>> counts() {
            Map<String, Map<Outcome, Integer>> out = new LinkedHashMap<>();
            for (Result r : results) {
                out.computeIfAbsent(r.inputClass(), k -> new EnumMap<>(Outcome.class)).merge(r.outcome(), 1, Integer::sum);
            }
            return out;
        }

        /** @return the results that are not correct behaviour */
        public List<Result> failures() {
            return results.stream().filter(r -> !r.outcome().ok()).toList();
        }

        /** @return a Markdown table: class, cases, then a column per outcome */
        public String table() {
            StringBuilder sb = new StringBuilder("| input class | cases |");
            for (Outcome o : Outcome.values()) {
                sb.append(' ').append(o.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).append(" |");
            }
            sb.append("\n|---|---:|").append("---:|".repeat(Outcome.values().length)).append('\n');
            int[] totals = new int[Outcome.values().length];
            int all = 0;
            for (Map.Entry<String, Map<Outcome, Integer>> e : counts().entrySet()) {
                int n = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
                all += n;
                sb.append("| ").append(e.getKey()).append(" | ").append(n).append(" |");
                for (Outcome o : Outcome.values()) {
                    int k = e.getValue().getOrDefault(o, 0);
                    totals[o.ordinal()] += k;
                    sb.append(' ').append(k).append(" |");
                }
                sb.append('\n');
            }
            sb.append("| **all** | ").append(all).append(" |");
            for (int t : totals) {
                sb.append(' ').append(t).append(" |");
            }
            return sb.append('\n').toString();
        }
    }

    /**
     * @param seed the seed (the same seed gives the same cases)
     * @param casesPerClass cases per input class
     * @param classes the classes to run
     * @param caseTimeoutSeconds the time one case may take before it counts as a hang
     * @return the report
     * @throws IOException when the worker cannot be started
     * @throws InterruptedException when interrupted
     */
    public static Report run(long seed, int casesPerClass, List<String> classes, int caseTimeoutSeconds)
            throws IOException, InterruptedException {
        for (String c : classes) {
            inputClass(c); // fail fast on a wrong name
        }
        List<Result> results = new ArrayList<>();
        List<String> pending = new ArrayList<>(classes);
        int start = 0;
        while (!pending.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx1g", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                    FuzzWorker.class.getName(), Long.toString(seed), Integer.toString(casesPerClass),
                    Integer.toString(caseTimeoutSeconds)));
            for (int i = 0; i < pending.size(); i++) {
                cmd.add(i == 0 ? pending.get(i) + ":" + start : pending.get(i));
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
            Process p = pb.start();
            String inFlightClass = null;
            String inFlightLabel = "?";
            int inFlight = -1;
            boolean done = false;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] f = line.split("\t", 6);
                    if (f[0].equals("START")) {
                        inFlightClass = f[1];
                        inFlight = Integer.parseInt(f[2]);
                        inFlightLabel = f.length > 3 ? f[3] : "?";
                    } else if (f[0].equals("RESULT") && f.length == 6) {
                        results.add(new Result(f[1], Integer.parseInt(f[2]), Outcome.valueOf(f[3]), f[4], f[5]));
                        inFlightClass = null;
                        if (Outcome.valueOf(f[3]) == Outcome.HANG) {
                            inFlightClass = f[1];
                        }
                    } else if (f[0].equals("DONE")) {
                        done = true;
                    }
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            if (done) {
                break;
            }
            if (inFlightClass == null) {
                throw new IOException("fuzz worker exited with code " + p.exitValue() + " before running a case");
            }
            boolean hang = !results.isEmpty() && results.get(results.size() - 1).outcome() == Outcome.HANG
                    && results.get(results.size() - 1).index() == inFlight
                    && results.get(results.size() - 1).inputClass().equals(inFlightClass);
            if (!hang) {
                results.add(new Result(inFlightClass, inFlight, Outcome.CRASH, inFlightLabel, "the JVM exited with code "
                        + p.exitValue() + " during this case"));
            }
            // resume after the case that ended the worker
            while (!pending.isEmpty() && !pending.get(0).equals(inFlightClass)) {
                pending.remove(0);
            }
            start = inFlight + 1;
            if (start >= casesPerClass) {
                pending.remove(0);
                start = 0;
            }
        }
        return new Report(results);
    }
}
