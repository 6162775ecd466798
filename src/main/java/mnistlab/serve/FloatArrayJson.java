package mnistlab.serve;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;

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
    public float[] read(JsonReader in) {
        throw new UnsupportedOperationException("the server only writes JSON");
    }
}
