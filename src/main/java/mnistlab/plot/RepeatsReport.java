package mnistlab.plot;

import mnistlab.data.AtomicFiles;
import mnistlab.i18n.Messages;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A recipe's repeats on one page: repeats.html with the band of test (and validation) accuracy
 * per epoch over the seeds (mean with ± one standard deviation, minimum and maximum) and links to
 * each repeat's own report.
 */
public final class RepeatsReport {
    /** The page's file in the repeats' folder. */
    public static final String HTML = "repeats.html";
    private static final String BAND = "repeats-band.png";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 420;

    /** One accuracy over the repeats, per epoch. */
    public record Band(double[] mean, double[] sd, double[] min, double[] max) {
    }

    private RepeatsReport() {
    }

    /**
     * {@code validation} is null without a validation set; {@code runs} are the repeats' folders, relative to {@code folder};
     * {@code warnings} hears of a chart text no installed font draws.
     * @param folder the repeats' folder
     * @param experiment its name
     * @param seeds the repeats' seeds
     * @param runs their folders, relative to {@code folder}
     * @param epochs the epoch numbers
     * @param test the test accuracy's band
     * @param validation the validation accuracy's band, or null
     * @param warnings hears of chart text no installed font draws
     * @throws IOException when the files cannot be written
     */
    public static void write(Path folder, String experiment, List<Long> seeds, List<String> runs, double[] epochs, Band test,
                             Band validation, Consumer<String> warnings) throws IOException {
        String title = Messages.get("repeats.chartTitle", experiment, seeds.size());
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(Messages.get("plot.epoch")).yAxisTitle(Messages.get("plot.accuracy")).build();
        List<String> texts = new ArrayList<>(List.of(title, Messages.get("repeats.mean", Messages.get("plot.validation")),
                Messages.get("repeats.range", Messages.get("plot.validation"))));
        texts.addAll(Charts.curveLabels());
        Charts.style(chart.getStyler(), Fonts.family(null, texts, warnings));
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.####");
        add(chart, Messages.get("plot.test"), test, new Color(0x1f77b4));
        if (validation != null) {
            add(chart, Messages.get("plot.validation"), validation, new Color(0xff7f0e));
        }
        Pictures.save(folder.resolve(BAND), WIDTH, HEIGHT, Pictures.DEFAULT_DPI, g -> chart.paint(g, WIDTH, HEIGHT));

        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(Messages.get("report.htmlLang"))
                .append("\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(Messages.get("repeats.title", experiment))).append("</title>\n<style>body{font-family:sans-serif;margin:2em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}")
                .append("th{background:#f3f3f3}img{max-width:100%}</style></head>\n<body>\n<h1>")
                .append(esc(Messages.get("repeats.heading", experiment, seeds.size()))).append("</h1>\n<p>")
                .append(Messages.get("repeats.seeds", seeds.get(0), seeds.get(seeds.size() - 1))).append("</p>\n")
                .append("<figure><img src=\"").append(BAND).append("\" alt=\"").append(Messages.get("repeats.alt"))
                .append("\"></figure>\n<table>\n<tr><th>").append(Messages.get("plot.epoch")).append("</th>")
                .append(headings(Messages.get("plot.test")))
                .append(validation == null ? "" : headings(Messages.get("plot.validation"))).append("</tr>\n");
        for (int i = 0; i < epochs.length; i++) {
            h.append("<tr><td>").append((int) epochs[i]).append("</td>").append(cells(test, i))
                    .append(validation == null ? "" : cells(validation, i)).append("</tr>\n");
        }
        h.append("</table>\n<h2>").append(Messages.get("repeats.runs")).append("</h2>\n<ul>\n");
        for (int i = 0; i < runs.size(); i++) {
            h.append("<li>").append(Messages.get("repeats.seed", seeds.get(i))).append(" <a href=\"").append(esc(runs.get(i)))
                    .append("/report.html\">")
                    .append(esc(runs.get(i))).append("</a></li>\n");
        }
        AtomicFiles.writeString(folder.resolve(HTML), h.append("</ul>\n</body></html>\n").toString());
    }

    /** The mean with ± one sd as error bars, and the minimum and maximum as dashed lines: the band. */
    private static void add(XYChart chart, String name, Band band, Color color) {
        double[] x = new double[band.mean().length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        XYSeries mean = chart.addSeries(Messages.get("repeats.mean", name), x, band.mean(), band.sd());
        mean.setLineColor(color);
        mean.setMarkerColor(color);
        mean.setMarker(SeriesMarkers.CIRCLE);
        for (String edge : List.of("min", "max")) {
            XYSeries s = chart.addSeries(edge.equals("min") ? Messages.get("repeats.range", name) : name + " max", x,
                    edge.equals("min") ? band.min() : band.max());
            s.setLineColor(color);
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setMarker(SeriesMarkers.NONE);
            s.setShowInLegend(edge.equals("min"));
        }
    }

    private static String headings(String split) {
        return Messages.get("repeats.headings", split);
    }

    private static String cells(Band b, int i) {
        return String.format(Locale.ROOT, "<td>%.2f ± %.2f %%</td><td>%.2f %%</td><td>%.2f %%</td>", 100 * b.mean()[i],
                100 * b.sd()[i], 100 * b.min()[i], 100 * b.max()[i]);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
