package org.vladapter.peft;

import java.util.Collection;

/** Validation of PEFT options with messages that name the option, the value and the rule. */
public final class OptionChecks {

    private OptionChecks() {}

    /**
     * @param config the config class name, for the message
     * @param option the option name
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException when not positive
     */
    public static long positive(String config, String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(config + ": " + option + " must be > 0, got " + value);
        }
        return value;
    }

    /**
     * @param config the config class name
     * @param option the option name
     * @param value the value
     * @return the value
     * @throws IllegalArgumentException when not finite and positive
     */
    public static double positive(String config, String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(config + ": " + option + " must be a finite number > 0, got " + value);
        }
        return value;
    }

    /**
     * @param config the config class name
     * @param option the option name
     * @param value a probability
     * @return the value
     * @throws IllegalArgumentException outside [0, 1)
     */
    public static double probability(String config, String option, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(config + ": " + option + " must be in [0, 1), got " + value);
        }
        return value;
    }

    /**
     * @param config the config class name
     * @param option the option name
     * @param values a collection
     * @param <C> its type
     * @return the collection
     * @throws IllegalArgumentException when null or empty
     */
    public static <C extends Collection<?>> C nonEmpty(String config, String option, C values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(config + ": " + option + " must not be empty");
        }
        return values;
    }

    /**
     * The adapter bottleneck size {@code dModel / reductionFactor}.
     *
     * @param dModel the hidden size
     * @param reductionFactor the reduction factor
     * @return the bottleneck size
     * @throws IllegalArgumentException when the factor does not divide the hidden size
     */
    public static long bottleneck(long dModel, long reductionFactor) {
        if (dModel % reductionFactor != 0) {
            throw new IllegalArgumentException(
                    "reduction factor " + reductionFactor + " does not divide the hidden size " + dModel);
        }
        return dModel / reductionFactor;
    }
}
