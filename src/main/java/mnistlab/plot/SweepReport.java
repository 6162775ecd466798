package mnistlab.plot;

import mnistlab.data.AtomicFiles;
import mnistlab.i18n.Messages;
import mnistlab.result.EpochMetrics;
import mnistlab.result.TrainingResult;
import org.knowm.xchart.XYChart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A sweep's summary: sweep.csv (one row per trial: its values, final and best accuracies, time)
 * and sweep.html (the same table, sortable by any column, and the trials' curves overlaid).
 */
public final class SweepReport {
    /** The table's file in the sweep folder. */
    public static final String CSV = "sweep.csv";
    /** The sortable page's file in the sweep folder. */
    public static final String HTML = "sweep.html";
    private static final String CURVES = "sweep-curves.png";

    private SweepReport() {
    }

    /** A trial: its folder's name, the values it set, and its run's metrics. */
    public record Entry(String trial, Map<String, String> values, TrainingResult result) {
    }

    /** A trial's figures, from its metrics. */
    private record Row(String trial, List<String> values, float finalTest, float bestTest, float bestValidation,
                       double seconds, int epochs, String run) {
        static Row of(Entry t, List<String> keys) {
            TrainingResult r = t.result();
            List<EpochMetrics> epochs = r.epochs();
            float finalTest = epochs.isEmpty() ? Float.NaN : epochs.get(Math.max(r.keptEpoch(), 1) - 1).testAccuracy();
            float bestTest = (float) epochs.stream().mapToDouble(EpochMetrics::testAccuracy).max().orElse(Double.NaN);
            float bestValidation = (float) epochs.stream().filter(EpochMetrics::validated)
                    .mapToDouble(EpochMetrics::validationAccuracy).max().orElse(Double.NaN);
            double seconds = epochs.stream().mapToDouble(EpochMetrics::seconds).sum();
            return new Row(t.trial(), keys.stream().map(k -> t.values().getOrDefault(k, "")).toList(),
                    finalTest, bestTest, bestValidation, seconds, epochs.size(), r.runDir().getParent().getFileName()
                    + "/" + r.runDir().getFileName());
        }
    }

    /**
     * Writes sweep.csv, sweep.html and the overlaid curves.
     * @param folder the sweep folder
     * @param keys the keys the trials set
     * @param results each trial with its result
     * @param warnings hears of chart text no installed font draws
     * @throws IOException when the files cannot be written
     */
    public static void write(Path folder, List<String> keys, List<Entry> results, Consumer<String> warnings)
            throws IOException {
        List<Row> rows = results.stream().map(t -> Row.of(t, keys)).toList();
        StringBuilder csv = new StringBuilder("trial," + String.join(",", keys)
                + ",final_test_accuracy,best_test_accuracy,best_validation_accuracy,epochs,train_seconds,run\n");
        for (Row r : rows) {
            csv.append(r.trial()).append(',').append(String.join(",", r.values())).append(String.format(Locale.ROOT,
                    ",%.6f,%.6f,%s,%d,%.1f,%s%n", r.finalTest(), r.bestTest(),
                    Float.isNaN(r.bestValidation()) ? "" : String.format(Locale.ROOT, "%.6f", r.bestValidation()),
                    r.epochs(), r.seconds(), r.run()));
        }
        AtomicFiles.writeString(folder.resolve(CSV), csv.toString());

        List<String> names = rows.stream().map(Row::trial).toList();
        String title = Messages.get("sweep.curves");
        List<String> texts = new ArrayList<>(names);
        texts.add(title);
        texts.addAll(Charts.curveLabels());
        String font = Fonts.family(null, texts, warnings);
        XYChart chart = Charts.perEpochOverlay(title, names,
                results.stream().map(t -> t.result().epochs()).toList(), 900, 420, font);
        Pictures.save(folder.resolve(CURVES), 900, 420, Pictures.DEFAULT_DPI, g -> chart.paint(g, 900, 420));
        AtomicFiles.writeString(folder.resolve(HTML), html(folder, keys, rows));
    }

    private static String html(Path folder, List<String> keys, List<Row> rows) {
        List<String> headers = new ArrayList<>(List.of(Messages.get("sweep.trial")));
        headers.addAll(keys);
        headers.addAll(List.of(Messages.get("sweep.finalTest"), Messages.get("sweep.bestTest"), Messages.get("sweep.bestValidation"),
                Messages.get("sweep.epochs"), Messages.get("sweep.seconds")));
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(Messages.get("report.htmlLang"))
                .append("\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(Messages.get("sweep.title", folder.getFileName()))).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;")
                .append("padding:.25em .6em;text-align:right}th{background:#f3f3f3;cursor:pointer}img{max-width:100%}\n")
                .append("</style></head>\n<body>\n<h1>").append(esc(folder.getFileName().toString())).append("</h1>\n")
                .append("<p>").append(Messages.get("sweep.sortHint")).append("</p>\n<table id=\"trials\">\n<thead><tr>");
        for (String header : headers) {
            h.append("<th>").append(esc(header)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (Row r : rows) {
            h.append("<tr><td><a href=\"").append(esc(r.run())).append("/report.html\">").append(esc(r.trial())).append("</a></td>");
            r.values().forEach(v -> h.append("<td>").append(esc(v)).append("</td>"));
            h.append(cell(100 * r.finalTest())).append(cell(100 * r.bestTest())).append(cell(100 * r.bestValidation()))
                    .append("<td>").append(r.epochs()).append("</td>")
                    .append(String.format(Locale.ROOT, "<td>%.1f</td></tr>%n", r.seconds()));
        }
        h.append("</tbody></table>\n<figure><img src=\"").append(CURVES).append("\" alt=\"").append(Messages.get("sweep.curves")).append("\"></figure>\n")
                .append("<script>\n")
                .append("document.querySelectorAll('#trials th').forEach((th, col) => th.addEventListener('click', () => {\n")
                .append("  const body = document.querySelector('#trials tbody'), rows = [...body.rows];\n")
                .append("  const key = r => { const t = r.cells[col].textContent, n = parseFloat(t); return isNaN(n) ? t : n; };\n")
                .append("  const dir = th.dataset.dir = th.dataset.dir === 'asc' ? 'desc' : 'asc';\n")
                .append("  rows.sort((a, b) => (key(a) > key(b) ? 1 : key(a) < key(b) ? -1 : 0) * (dir === 'asc' ? 1 : -1));\n")
                .append("  rows.forEach(r => body.appendChild(r));\n}));\n</script>\n</body></html>\n");
        return h.toString();
    }

    private static String cell(float percent) {
        return Float.isNaN(percent) ? "<td></td>" : String.format(Locale.ROOT, "<td>%.2f</td>", percent);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
