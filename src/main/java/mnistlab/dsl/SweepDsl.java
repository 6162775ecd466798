package mnistlab.dsl;

import mnistlab.engine.spec.SweepSpec;
import mnistlab.engine.spec.SweepSpec.Distribution;
import mnistlab.i18n.Messages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code sweep { grid 'train.lr': [1e-3, 3e-3], 'train.batchSize': [64, 100] }} or
 * {@code sweep { random 20, 'train.lr': logUniform(1e-4, 1e-2) }}: trials over {@code --set} keys.
 */
public class SweepDsl {
    private final Set<String> keys;
    private final boolean sandboxed;
    private SweepSpec spec;

    /**
     * {@code keys}: what --set accepts. A trial's values become --set overrides, the host's choice,
     * which the sandbox does not confine: a sandboxed script may not vary a key that names a path.
     */
    SweepDsl(Set<String> keys, boolean sandboxed) {
        this.keys = keys;
        this.sandboxed = sandboxed;
    }

    /**
     * Every combination of the values, one trial each.
     * @param values key to a list of values
     */
    public void grid(Map<String, Object> values) {
        once("grid");
        Map<String, List<Object>> grid = new LinkedHashMap<>();
        values.forEach((key, list) -> {
            checkKey("grid", key);
            if (!(list instanceof List<?> l)) {
                throw new KeywordError("grid", Messages.get("dsl.gridValues", key, Args.describe(list)));
            }
            grid.put(key, new ArrayList<>(l));
        });
        build("grid", () -> SweepSpec.grid(grid));
    }

    /**
     * {@code random 20, 'train.lr': logUniform(1e-4, 1e-2)}: that many trials, each value drawn anew.
     * @param distributions key to uniform(…), logUniform(…) or choice(…)
     * @param trials how many
     */
    public void random(Map<String, Object> distributions, Object trials) {
        once("random");
        int n = Args.toInt("random", "trials", trials);
        Map<String, Distribution> random = new LinkedHashMap<>();
        distributions.forEach((key, d) -> {
            checkKey("random", key);
            if (!(d instanceof Distribution distribution)) {
                throw new KeywordError("random", Messages.get("dsl.randomDraws", key, Args.describe(d)));
            }
            random.put(key, distribution);
        });
        build("random", () -> SweepSpec.random(n, random));
    }

    /**
     * {@code uniform(0.1, 0.5)}: any value between, each as likely.
     * @param low the smallest
     * @param high the largest
     * @return the distribution
     */
    public Distribution uniform(Object low, Object high) {
        double a = Args.toDouble("uniform", "low", low);
        double b = Args.toDouble("uniform", "high", high);
        return KeywordError.checked("uniform", () -> new SweepSpec.Uniform(a, b));
    }

    /**
     * {@code logUniform(1e-4, 1e-2)}: uniform in the logarithm (learning rates, say).
     * @param low the smallest, above 0
     * @param high the largest
     * @return the distribution
     */
    public Distribution logUniform(Object low, Object high) {
        double a = Args.toDouble("logUniform", "low", low);
        double b = Args.toDouble("logUniform", "high", high);
        return KeywordError.checked("logUniform", () -> new SweepSpec.LogUniform(a, b));
    }

    /**
     * {@code choice(64, 100, 128)}: one of the values, each as likely.
     * @param values the values
     * @return the distribution
     */
    public Distribution choice(Object... values) {
        return KeywordError.checked("choice", () -> new SweepSpec.Choice(List.of(values)));
    }

    private void checkKey(String keyword, String key) {
        if (!keys.contains(key)) {
            throw new KeywordError(keyword, Messages.get("dsl.sweepKey", key, Suggestions.didYouMean(key, keys)));
        }
        if (sandboxed && Overrides.PATH_KEYS.contains(key)) {
            throw new KeywordError(keyword, Messages.get("dsl.sandboxSweepPath", key));
        }
    }

    private void once(String keyword) {
        if (spec != null) {
            throw new KeywordError(keyword, Messages.get("dsl.sweepTwice"));
        }
    }

    private void build(String keyword, Supplier<SweepSpec> made) {
        spec = KeywordError.checked(keyword, made);
    }

    SweepSpec build() {
        if (spec == null) {
            throw new IllegalArgumentException(Messages.get("dsl.sweepEmpty"));
        }
        return spec;
    }
}
