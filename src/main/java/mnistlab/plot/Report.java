package mnistlab.plot;

import mnistlab.data.AtomicFiles;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.engine.spec.OptimizerSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.EpochMetrics;
import mnistlab.result.Evaluation;
import mnistlab.result.ModelSummary;
import mnistlab.result.TrainingResult;

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
    /** The report's file in a run folder. */
    public static final String FILE = "report.html";

    private Report() {
    }

    /**
     * Writes report.html: summary, hyper-parameters, model, pictures, epochs and per-class accuracy.
     * @param runDir the run folder
     * @param spec the experiment
     * @param summary the model's summary
     * @param result what training did
     * @param classNames one per label
     * @param pictures the pictures to show, in the run folder
     * @return the report's file
     * @throws IOException when it cannot be written
     */
    public static Path write(Path runDir, ExperimentSpec spec, ModelSummary summary, TrainingResult result,
                             List<String> classNames, List<Path> pictures) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"").append(Messages.get("report.htmlLang")).append("\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(Messages.get("report.title", spec.name()))).append("</title>\n<style>\n")
                .append("body{font-family:'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;margin:2em;max-width:1100px}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}\n")
                .append("th{background:#f3f3f3}td.l,th.l{text-align:left}figure{margin:1.5em 0}img{max-width:100%;border:1px solid #ddd}\n")
                .append("</style></head>\n<body>\n<h1>").append(esc(spec.name())).append("</h1>\n");

        Evaluation test = result.test();
        h.append("<h2>").append(Messages.get("report.summary")).append("</h2>\n<table>\n");
        row(h, Messages.get("report.dataset"), spec.dataset().name());
        row(h, Messages.get("report.device"), result.device());
        row(h, Messages.get("report.parameters"), String.format(Locale.ROOT, "%,d", result.parameters()));
        row(h, Messages.get("report.epochs"), Integer.toString(result.epochs().size()));
        if (test != null) {
            row(h, Messages.get("report.testAccuracy"), String.format(Locale.ROOT, "%.2f %%", 100 * test.accuracy()));
            row(h, Messages.get("report.testTime", test.count()),
                    Messages.get("report.seconds", test.seconds()));
        }
        row(h, Messages.get("report.cancelled"), Messages.get(result.cancelled() ? "report.yes" : "report.no"));
        h.append("</table>\n");

        TrainSpec t = spec.train();
        OptimizerSpec o = t.optimizer();
        h.append("<h2>").append(Messages.get("report.hyperParameters")).append("</h2>\n<table>\n");
        row(h, Messages.get("report.optimizer"), o.kind().name().toLowerCase(Locale.ROOT));
        row(h, Messages.get("report.learningRate"), Float.toString(o.learningRate()));
        row(h, Messages.get("report.weightDecay"), Float.toString(o.weightDecay()));
        String schedule = t.schedule().kind().name().toLowerCase(Locale.ROOT);
        row(h, Messages.get("report.schedule"), t.schedule().warmupSteps() > 0
                ? Messages.get("report.warmUp", schedule, t.schedule().warmupSteps()) : schedule);
        row(h, Messages.get("report.batchSize"), Integer.toString(t.batchSize()));
        row(h, Messages.get("report.epochsPlanned"), Integer.toString(t.epochs()));
        row(h, Messages.get("report.seed"), Long.toString(t.seed()));
        row(h, Messages.get("report.trainingImages"),
                spec.dataset().limit() == 0 ? Messages.get("report.all") : Integer.toString(spec.dataset().limit()));
        h.append("</table>\n");

        h.append(Messages.get("report.modelTable"));
        for (ModelSummary.Row r : summary.rows()) {
            h.append("<tr><td class=\"l\">").append(r.index()).append(' ').append(esc(r.kind())).append("</td><td class=\"l\">")
                    .append(esc(r.outputShape())).append("</td><td>").append(String.format(Locale.ROOT, "%,d", r.parameters()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");

        if (!pictures.isEmpty()) {
            h.append("<h2>").append(Messages.get("report.pictures")).append("</h2>\n");
            for (Path p : pictures) {
                String name = p.getFileName().toString();
                h.append("<figure><img src=\"").append(esc(name)).append("\" alt=\"").append(esc(name))
                        .append("\"><figcaption>").append(esc(name)).append("</figcaption></figure>\n");
            }
        }

        boolean validated = result.epochs().stream().anyMatch(EpochMetrics::validated);
        h.append(Messages.get(validated ? "report.epochTableValidated" : "report.epochTable"));
        for (EpochMetrics e : result.epochs()) {
            String kept = e.epoch() == result.keptEpoch() && result.keptEpoch() != result.epochs().size() ? Messages.get("report.kept") : "";
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
            h.append(Messages.get("report.perClassTable"));
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
