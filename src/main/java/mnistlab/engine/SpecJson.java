package mnistlab.engine;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonDeserializer;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializationContext;
import com.google.gson.JsonSerializer;
import mnistlab.engine.spec.DeviceSpec;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.LayerSpec;
import mnistlab.engine.spec.LossKind;
import mnistlab.engine.spec.PlotKind;
import mnistlab.i18n.Messages;

import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The spec as JSON (a run folder's {@code spec.json}) and the JSON engine for metrics. Layers
 * are tagged by kind; a lambda layer is written by name but cannot be read back.
 */
public final class SpecJson {

    /** Reads and writes one layer record's own fields. */
    private static final Gson GSON_PLAIN = new Gson();

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .disableHtmlEscaping()
            .registerTypeHierarchyAdapter(Path.class, (JsonSerializer<Path>) (p, t, c) -> new JsonPrimitive(p.toString()))
            .registerTypeHierarchyAdapter(Path.class, (JsonDeserializer<Path>) (j, t, c) -> Path.of(j.getAsString()))
            // Gson alone reads "yes" as false: a crafted spec.json would switch deskewing off unseen.
            .registerTypeAdapter(boolean.class, (JsonDeserializer<Boolean>) (j, t, c) -> strictBoolean(j))
            .registerTypeAdapter(Boolean.class, (JsonDeserializer<Boolean>) (j, t, c) -> strictBoolean(j))
            .registerTypeAdapter(DeviceSpec.class, (JsonSerializer<DeviceSpec>) (d, t, c) -> new JsonPrimitive(d.toString()))
            .registerTypeAdapter(DeviceSpec.class, (JsonDeserializer<DeviceSpec>) (j, t, c) -> named(() -> DeviceSpec.parse(j.getAsString())))
            .registerTypeAdapter(LossKind.class, (JsonSerializer<LossKind>) (l, t, c) -> new JsonPrimitive(l.dslName()))
            .registerTypeAdapter(LossKind.class, (JsonDeserializer<LossKind>) (j, t, c) -> named(() -> LossKind.named(j.getAsString())))
            .registerTypeAdapter(PlotKind.class, (JsonSerializer<PlotKind>) (k, t, c) -> new JsonPrimitive(k.dslName()))
            .registerTypeAdapter(PlotKind.class, (JsonDeserializer<PlotKind>) (j, t, c) -> named(() -> PlotKind.named(j.getAsString())))
            .registerTypeHierarchyAdapter(LayerSpec.class, (JsonSerializer<LayerSpec>) SpecJson::writeLayer)
            .registerTypeAdapter(LayerSpec.class, (JsonDeserializer<LayerSpec>) (j, t, c) -> readLayer(j))
            .create();

    private SpecJson() {
    }

    /** @return the Gson that reads and writes specs, metrics and sweep plans */
    public static Gson gson() {
        return GSON;
    }

    /**
     * spec.json's text.
     * @param spec the experiment
     * @return the JSON
     */
    public static String toJson(ExperimentSpec spec) {
        return GSON.toJson(spec);
    }

    /**
     * A spec from spec.json's text.
     * @param json the text
     * @return the spec
     * @throws com.google.gson.JsonParseException when it is not a spec this version reads
     */
    public static ExperimentSpec fromJson(String json) {
        try {
            return GSON.fromJson(json, ExperimentSpec.class);
        } catch (JsonParseException e) {
            throw e;
        } catch (RuntimeException e) {
            // Gson wraps a record's refusal as "Failed to invoke constructor ... with args" and the
            // whole spec; the record's own line names the value.
            if (e.getCause() instanceof IllegalArgumentException refusal) {
                throw new JsonParseException(refusal.getMessage(), refusal);
            }
            throw e;
        }
    }

    /** A name the spec does not know is a JSON error naming it (a spec.json from elsewhere, say). */
    private static <T> T named(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (IllegalArgumentException e) {
            throw new JsonParseException(e.getMessage(), e);
        }
    }

    private static boolean strictBoolean(JsonElement json) {
        if (json.isJsonPrimitive() && json.getAsJsonPrimitive().isBoolean()) {
            return json.getAsBoolean();
        }
        throw new JsonParseException(Messages.get("engine.specBoolean", json));
    }

    private static JsonElement writeLayer(LayerSpec layer, Type type,
                                          JsonSerializationContext context) {
        JsonObject o = new JsonObject();
        o.addProperty("type", layer.getClass().getSimpleName().toLowerCase(Locale.ROOT));
        if (layer instanceof LayerSpec.Lambda l) {
            o.addProperty("name", l.name());
            return o;
        }
        GSON_PLAIN.toJsonTree(layer).getAsJsonObject().entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        return o;
    }

    private static LayerSpec readLayer(JsonElement json) {
        JsonObject o = json.getAsJsonObject();
        String type = o.has("type") ? o.get("type").getAsString() : "(none)";
        Class<? extends LayerSpec> cls = switch (type) {
            case "conv2d" -> LayerSpec.Conv2d.class;
            case "linear" -> LayerSpec.Linear.class;
            case "activation" -> LayerSpec.Activation.class;
            case "pool" -> LayerSpec.Pool.class;
            case "flatten" -> LayerSpec.Flatten.class;
            case "dropout" -> LayerSpec.Dropout.class;
            case "batchnorm" -> LayerSpec.BatchNorm.class;
            case "lambda" -> throw new JsonParseException(Messages.get("run.lambdaLayer", o.get("name").getAsString()));
            default -> throw new JsonParseException(Messages.get("run.unknownLayer", type, o));
        };
        return GSON_PLAIN.fromJson(o, cls);
    }
}
