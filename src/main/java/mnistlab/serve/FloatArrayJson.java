package mnistlab.serve;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a float[] as Gson does, but a 0 as {@code 0} without formatting it: an answer's 784
 * pixels are mostly background, and Float.toString was a quarter of the server's Java time
 * under load (a JFR profile of bin/mnist-bench-serve). The page reads both forms the same.
 */
final class FloatArrayJson extends TypeAdapter<float[]> {
    @Override
    public void write(JsonWriter out, float[] values) throws IOException {
        if (values == null) {
            out.nullValue();
            return;
        }
        out.beginArray();
        for (float v : values) {
            if (v == 0f) {
                out.jsonValue("0");
            } else {
                out.value(v);
            }
        }
        out.endArray();
    }

    @Override
    public float[] read(JsonReader in) throws IOException {
        if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return null;
        }
        List<Float> values = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            values.add((float) in.nextDouble());
        }
        in.endArray();
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
