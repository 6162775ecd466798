package mnistlab.dsl;

import mnistlab.i18n.Messages;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code --set key=value}: changes a value after the script ran, through the same builder method
 * a script would call, so the same checks apply; errors name the {@code --set} argument.
 */
final class Overrides {
    private Overrides() {
    }

    /** The {@code --set} keys, each applied through the same builder method a script would call. */
    /** The keys that name files or folders: the host's to set, never a sandboxed script's. */
    static final List<String> PATH_KEYS = List.of("dataset.root", "dataset.test", "dataset.trainImages",
            "dataset.trainLabels", "dataset.testImages", "dataset.testLabels");

    private static final Map<String, BiConsumer<ExperimentScript, Object>> OVERRIDES = overrides();

    /** The keys --set takes (and sweeps vary). */
    static Set<String> keys() {
        return OVERRIDES.keySet();
    }

    private static Map<String, BiConsumer<ExperimentScript, Object>> overrides() {
        Map<String, BiConsumer<ExperimentScript, Object>> m = new LinkedHashMap<>();
        m.put("experiment", (s, v) -> s.experimentName(Args.toText("experiment", "name", v)));
        m.put("dataset.name", (s, v) -> s.datasetDsl().name(Args.toText("dataset", "name", v)));
        for (String key : PATH_KEYS) {
            String keyword = key.substring("dataset.".length());
            m.put(key, (s, v) -> s.datasetDsl().pathFromHost(keyword, String.valueOf(v)));
        }
        m.put("dataset.download", (s, v) -> s.datasetDsl().download(v));
        m.put("dataset.limit", (s, v) -> s.datasetDsl().limit(v));
        m.put("dataset.testLimit", (s, v) -> s.datasetDsl().testLimit(v));
        m.put("dataset.validation", (s, v) -> s.datasetDsl().validation(v));
        m.put("dataset.deskew", (s, v) -> s.datasetDsl().deskew(v));
        m.put("dataset.normalizeWidth", (s, v) -> s.datasetDsl().normalizeWidth(v));
        m.put("train.epochs", (s, v) -> s.trainDsl().epochs(v));
        m.put("train.batchSize", (s, v) -> s.trainDsl().batchSize(v));
        m.put("train.lr", (s, v) -> s.trainDsl().lr(v));
        m.put("train.device", (s, v) -> s.trainDsl().device(String.valueOf(v)));
        m.put("train.seed", (s, v) -> s.trainDsl().seed(v));
        m.put("train.recordEvery", (s, v) -> s.trainDsl().recordEvery(v));
        m.put("train.shuffle", (s, v) -> s.trainDsl().shuffle(v));
        m.put("train.warmup", (s, v) -> s.trainDsl().warmup(v));
        m.put("train.repeats", (s, v) -> s.trainDsl().repeats(v));
        m.put("train.patience", (s, v) -> s.trainDsl().patience(v));
        return m;
    }

    static void apply(ExperimentScript script, List<String> overrides) {
        for (String pair : overrides) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new DslException("--set " + pair, 0, 0, Messages.get("dsl.setSyntax"), null);
            }
            String key = pair.substring(0, eq).trim();
            BiConsumer<ExperimentScript, Object> setter = OVERRIDES.get(key);
            if (setter == null) {
                throw new DslException("--set " + pair, 0, 0, Messages.get("dsl.setUnknownKey", key, Suggestions.didYouMean(key, OVERRIDES.keySet())), null);
            }
            if ((key.startsWith("dataset.") && script.datasetDsl() == null) || (key.startsWith("train.") && script.trainDsl() == null)) {
                throw new DslException("--set " + pair, 0, 0, Messages.get("dsl.setNoSection", key.substring(0, key.indexOf('.'))), null);
            }
            try {
                setter.accept(script, value(pair.substring(eq + 1).trim()));
            } catch (KeywordError e) {
                throw new DslException("--set " + pair, 0, 0, e.getMessage(), e);
            }
        }
    }

    /** Numbers, booleans or text, as a script literal would give them. */
    private static Object value(String text) {
        if (text.matches("[-+]?\\d+")) {
            BigInteger whole = new BigInteger(text);
            return whole.bitLength() < Integer.SIZE ? (Object) whole.intValue()
                    : whole.bitLength() < Long.SIZE ? (Object) whole.longValue() : whole;
        }
        if (text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return Double.valueOf(text);
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        return text;
    }
}
