package mnistlab.engine;

import java.util.List;
import java.util.Locale;

/** A Keras-like table of the model: each layer's output shape and parameter count, and the totals. */
public record ModelSummary(String inputShape, List<Row> rows) {

    public record Row(int index, String kind, String outputShape, long parameters, long trainable) {
    }

    public ModelSummary {
        rows = List.copyOf(rows);
    }

    public long totalParameters() {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    public long trainableParameters() {
        return rows.stream().mapToLong(Row::trainable).sum();
    }

    @Override
    public String toString() {
        String line = "-".repeat(58) + "\n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-24s %-20s %12s%n", "Layer (type)", "Output Shape", "Param #"));
        sb.append("=".repeat(58)).append('\n');
        sb.append(String.format(Locale.ROOT, "%-24s %-20s %12s%n", "input", inputShape, ""));
        for (Row row : rows) {
            sb.append(line).append(String.format(Locale.ROOT, "%-24s %-20s %,12d%n",
                    row.index() + " " + row.kind(), row.outputShape(), row.parameters()));
        }
        sb.append("=".repeat(58)).append('\n');
        sb.append(String.format(Locale.ROOT, "Total params: %,d%n", totalParameters()));
        sb.append(String.format(Locale.ROOT, "Trainable params: %,d%n", trainableParameters()));
        sb.append(String.format(Locale.ROOT, "Non-trainable params: %,d%n", totalParameters() - trainableParameters()));
        return sb.toString();
    }
}
