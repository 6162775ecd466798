package mnistlab.engine.spec;

import mnistlab.i18n.Messages;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A sweep over {@code --set} keys: every combination of a grid, or a number of random draws
 * from distributions. A trial is the script run again with its values as overrides, so each
 * value passes the same checks as on the command line.
 *
 * @param grid   key to the values to combine (empty for a random sweep)
 * @param trials how many random draws (0 for a grid)
 * @param random key to the distribution to draw from (empty for a grid)
 */
public record SweepSpec(Map<String, List<Object>> grid, int trials, Map<String, Distribution> random) {
    /** At most this many trials, either way. */
    public static final int MAX_TRIALS = 1000;

    /** What a random sweep draws a value from. */
    public sealed interface Distribution {
        /**
         * One value.
         * @param random the sweep's generator
         * @return the value
         */
        Object draw(Random random);
    }

    /** Uniform between low and high. */
    public record Uniform(double low, double high) implements Distribution {
        /**
         * Checks each value.
         * @param low the smallest value
         * @param high the largest value
         * @throws IllegalArgumentException naming the first value out of range
         */
        public Uniform {
            if (!(low < high)) {
                throw new IllegalArgumentException(Messages.get("spec.uniform", low, high));
            }
        }

        @Override
        public Object draw(Random random) {
            return low + (high - low) * random.nextDouble();
        }
    }

    /** Uniform in the logarithm between low and high (learning rates, say). */
    public record LogUniform(double low, double high) implements Distribution {
        /**
         * Checks each value.
         * @param low the smallest value, above 0
         * @param high the largest value
         * @throws IllegalArgumentException naming the first value out of range
         */
        public LogUniform {
            if (!(low > 0 && low < high)) {
                throw new IllegalArgumentException(Messages.get("spec.logUniform", low, high));
            }
        }

        @Override
        public Object draw(Random random) {
            return Math.exp(Math.log(low) + (Math.log(high) - Math.log(low)) * random.nextDouble());
        }
    }

    /** One of the values, each as likely. */
    public record Choice(List<Object> values) implements Distribution {
        /**
         * Checks each value.
         * @param values the values
         * @throws IllegalArgumentException naming the first value out of range
         */
        public Choice {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException(Messages.get("spec.choice"));
            }
        }

        @Override
        public Object draw(Random random) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /**
     * Checks each value.
     * @param grid key to the values to combine (empty for a random sweep)
     * @param trials how many random draws (0 for a grid)
     * @param random key to the distribution to draw from (empty for a grid)
     * @throws IllegalArgumentException naming the first value out of range
     */
    public SweepSpec {
        grid = copy(grid);
        random = random == null ? Map.of() : new LinkedHashMap<>(random);
        if (grid.isEmpty() == random.isEmpty()) {
            throw new IllegalArgumentException(Messages.get("spec.sweep"));
        }
        if (!random.isEmpty() && (trials < 1 || trials > MAX_TRIALS)) {
            throw new IllegalArgumentException(Messages.get("spec.randomTrials", MAX_TRIALS, trials));
        }
        long combinations = 1;
        for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException(Messages.get("spec.gridEmpty", e.getKey()));
            }
            combinations *= e.getValue().size();
            if (combinations > MAX_TRIALS) {
                throw new IllegalArgumentException(Messages.get("spec.gridTooLarge", MAX_TRIALS));
            }
        }
    }

    private static Map<String, List<Object>> copy(Map<String, List<Object>> grid) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        if (grid != null) {
            grid.forEach((k, v) -> out.put(k, List.copyOf(v)));
        }
        return out;
    }

    /**
     * Every combination of the values.
     * @param values key to the values it takes
     * @return the sweep
     */
    public static SweepSpec grid(Map<String, List<Object>> values) {
        return new SweepSpec(values, 0, Map.of());
    }

    /**
     * Random draws.
     * @param trials how many
     * @param distributions key to what its values are drawn from
     * @return the sweep
     */
    public static SweepSpec random(int trials, Map<String, Distribution> distributions) {
        return new SweepSpec(Map.of(), trials, distributions);
    }

    /** @return the keys the trials set, in order */
    public List<String> keys() {
        return List.copyOf(grid.isEmpty() ? random.keySet() : grid.keySet());
    }

    /**
     * Every trial's values, key to value as --set takes it.
     * @param seed fixes random draws
     * @return one map per trial
     */
    public List<Map<String, String>> plan(long seed) {
        List<Map<String, String>> planned = new ArrayList<>();
        if (!grid.isEmpty()) {
            planned.add(new LinkedHashMap<>());
            for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
                List<Map<String, String>> next = new ArrayList<>();
                for (Map<String, String> partial : planned) {
                    for (Object value : e.getValue()) {
                        Map<String, String> trial = new LinkedHashMap<>(partial);
                        trial.put(e.getKey(), text(value));
                        next.add(trial);
                    }
                }
                planned = next;
            }
            return planned;
        }
        Random draws = new Random(seed);
        for (int i = 0; i < trials; i++) {
            Map<String, String> trial = new LinkedHashMap<>();
            random.forEach((key, distribution) -> trial.put(key, text(distribution.draw(draws))));
            planned.add(trial);
        }
        return planned;
    }

    /** A value as --set takes it; a drawn number to four significant digits, which is then the trial's value. */
    private static String text(Object value) {
        if (value instanceof Double d) {
            return new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros().toString();
        }
        return String.valueOf(value);
    }
}
