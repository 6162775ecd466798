package mnistlab.result;

import mnistlab.i18n.Messages;

import java.util.List;
import java.util.Locale;

/** A Keras-like table of the model: each layer's output shape and parameter count, and the totals. */
public record ModelSummary(String inputShape, List<Row> rows) {

    /**
     * One layer.
     * @param index its position, from 0
     * @param kind its kind
     * @param outputShape its output, batch axis as N
     * @param parameters its parameter count
     * @param trainable of those, trained
     */
    public record Row(int index, String kind, String outputShape, long parameters, long trainable) {
    }

    /**
     * Copies the rows.
     * @param inputShape one image's shape, batch axis as N
     * @param rows one per layer
     */
    public ModelSummary {
        rows = List.copyOf(rows);
    }

    /** @return the parameters of all layers */
    public long totalParameters() {
        return rows.stream().mapToLong(Row::parameters).sum();
    }

    /** @return of those, the ones training changes */
    public long trainableParameters() {
        return rows.stream().mapToLong(Row::trainable).sum();
    }

    @Override
    public String toString() {
        String line = "-".repeat(58) + "\n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-24s %-20s %12s%n", Messages.get("summary.layer"), Messages.get("summary.shape"),
                Messages.get("summary.parameters")));
        sb.append("=".repeat(58)).append('\n');
        sb.append(String.format(Locale.ROOT, "%-24s %-20s %12s%n", "input", inputShape, ""));
        for (Row row : rows) {
            sb.append(line).append(String.format(Locale.ROOT, "%-24s %-20s %,12d%n",
                    row.index() + " " + row.kind(), row.outputShape(), row.parameters()));
        }
        sb.append("=".repeat(58)).append('\n');
        sb.append(Messages.get("summary.total", totalParameters())).append('\n');
        sb.append(Messages.get("summary.trainable", trainableParameters())).append('\n');
        sb.append(Messages.get("summary.frozen", totalParameters() - trainableParameters())).append('\n');
        return sb.toString();
    }
}
