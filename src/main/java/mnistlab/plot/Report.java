package mnistlab.plot;

import mnistlab.data.AtomicFiles;
import mnistlab.engine.EpochMetrics;
import mnistlab.engine.Evaluation;
import mnistlab.engine.ModelSummary;
import mnistlab.engine.TrainingResult;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.TrainSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.html}: one self-contained page per run (summary, hyper-parameters, model,
 * pictures, per-epoch and per-class tables). It links only files in the run folder, so it opens
 * without network access.
 */
public final class Report {
    public static final String FILE = "report.html";

    private Report() {
    }

    public static Path write(Path runDir, ExperimentSpec spec, ModelSummary summary, TrainingResult result,
                             List<String> classNames, List<Path> pictures) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(spec.name())).append(" — mnist-lab report</title>\n<style>\n")
                .append("body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;margin:2em;max-width:1100px}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}\n")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left}figure{margin:1.5em 0}img{max-width:100%;border:1px solid #ddd}\n")
                .append("</style></head>\n<body>\n<h1>").append(esc(spec.name())).append("</h1>\n");

        Evaluation test = result.test();
        h.append("<h2>Summary</h2>\n<table>\n");
        row(h, "dataset", spec.dataset().name());
        row(h, "device", result.device());
        row(h, "parameters", String.format(Locale.ROOT, "%,d", result.parameters()));
        row(h, "epochs", Integer.toString(result.epochs().size()));
        if (test != null) {
            row(h, "test accuracy", String.format(Locale.ROOT, "%.2f %%", 100 * test.accuracy()));
            row(h, "time to classify " + String.format(Locale.ROOT, "%,d", test.count()) + " test images",
                    String.format(Locale.ROOT, "%.2f s", test.seconds()));
        }
        row(h, "cancelled", Boolean.toString(result.cancelled()));
        h.append("</table>\n");

        TrainSpec t = spec.train();
        OptimizerSpec o = t.optimizer();
        h.append("<h2>Hyper-parameters</h2>\n<table>\n");
        row(h, "optimizer", o.kind().name().toLowerCase(Locale.ROOT));
        row(h, "learning rate", Float.toString(o.learningRate()));
        row(h, "weight decay", Float.toString(o.weightDecay()));
        row(h, "schedule", t.schedule().kind().name().toLowerCase(Locale.ROOT)
                + (t.schedule().warmupSteps() > 0 ? ", warm-up " + t.schedule().warmupSteps() + " steps" : ""));
        row(h, "batch size", Integer.toString(t.batchSize()));
        row(h, "epochs planned", Integer.toString(t.epochs()));
        row(h, "seed", Long.toString(t.seed()));
        row(h, "training images", spec.dataset().limit() == 0 ? "all" : Integer.toString(spec.dataset().limit()));
        h.append("</table>\n");

        h.append("<h2>Model</h2>\n<table>\n<tr><th class=\"l\">layer</th><th class=\"l\">output shape</th><th>parameters</th></tr>\n");
        for (ModelSummary.Row r : summary.rows()) {
            h.append("<tr><td class=\"l\">").append(r.index()).append(' ').append(esc(r.kind())).append("</td><td class=\"l\">")
                    .append(esc(r.outputShape())).append("</td><td>").append(String.format(Locale.ROOT, "%,d", r.parameters()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");

        if (!pictures.isEmpty()) {
            h.append("<h2>Pictures</h2>\n");
            for (Path p : pictures) {
                String name = p.getFileName().toString();
                h.append("<figure><img src=\"").append(esc(name)).append("\" alt=\"").append(esc(name))
                        .append("\"><figcaption>").append(esc(name)).append("</figcaption></figure>\n");
            }
        }

        boolean validated = result.epochs().stream().anyMatch(EpochMetrics::validated);
        h.append("<h2>Epochs</h2>\n<table>\n<tr><th>epoch</th><th>loss</th><th>train accuracy</th>")
                .append(validated ? "<th>validation loss</th><th>validation accuracy</th>" : "")
                .append("<th>test accuracy</th><th>seconds</th><th>images/s</th></tr>\n");
        for (EpochMetrics e : result.epochs()) {
            String kept = e.epoch() == result.keptEpoch() && result.keptEpoch() != result.epochs().size() ? " (kept)" : "";
            h.append(String.format(Locale.ROOT, "<tr><td>%d%s</td><td>%.4f</td><td>%.2f %%</td>", e.epoch(), kept, e.loss(),
                    100 * e.trainAccuracy()));
            if (validated) {
                h.append(String.format(Locale.ROOT, "<td>%.4f</td><td>%.2f %%</td>", e.validationLoss(), 100 * e.validationAccuracy()));
            }
            h.append(String.format(Locale.ROOT, "<td>%.2f %%</td><td>%.1f</td><td>%.0f</td></tr>%n", 100 * e.testAccuracy(),
                    e.seconds(), e.imagesPerSecond()));
        }
        h.append("</table>\n");

        if (test != null) {
            h.append("<h2>Per-class accuracy</h2>\n<table>\n<tr><th class=\"l\">class</th><th>test images</th><th>accuracy</th></tr>\n");
            float[] perClass = test.perClassAccuracy();
            int[][] confusion = test.confusion();
            for (int c = 0; c < perClass.length; c++) {
                int total = 0;
                for (int n : confusion[c]) {
                    total += n;
                }
                h.append("<tr><td class=\"l\">").append(esc(classNames.get(c))).append("</td><td>").append(total).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.2f %%", 100 * perClass[c])).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        // Marks the page once the browser has loaded every picture (read by the report test).
        h.append("<script>window.addEventListener('load',function(){var ok=0;for(var i=0;i<document.images.length;i++)")
                .append("{var im=document.images[i];if(im.complete&&im.naturalWidth>0)ok++;}")
                .append("document.body.setAttribute('data-images-loaded',ok+'/'+document.images.length);});</script>\n");
        h.append("</body></html>\n");
        Path file = runDir.resolve(FILE);
        AtomicFiles.writeString(file, h.toString());
        return file;
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th class=\"l\">").append(esc(key)).append("</th><td class=\"l\">").append(esc(value)).append("</td></tr>\n");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
