package mnistlab.plot;

import mnistlab.data.AtomicFiles;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A recipe's repeats on one page: repeats.html with the band of test (and validation) accuracy
 * per epoch over the seeds (mean with ± one standard deviation, minimum and maximum) and links to
 * each repeat's own report.
 */
public final class RepeatsReport {
    public static final String HTML = "repeats.html";
    private static final String BAND = "repeats-band.png";
    private static final int WIDTH = 800;
    private static final int HEIGHT = 420;

    /** One accuracy over the repeats, per epoch. */
    public record Band(double[] mean, double[] sd, double[] min, double[] max) {
    }

    private RepeatsReport() {
    }

    /** {@code validation} is null without a validation set; {@code runs} are the repeats' folders, relative to {@code folder}. */
    public static void write(Path folder, String experiment, List<Long> seeds, List<String> runs, double[] epochs, Band test,
                             Band validation) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(experiment + ": " + seeds.size()
                + " seeds").xAxisTitle("epoch").yAxisTitle("accuracy").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.####");
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        add(chart, "test", test, new Color(0x1f77b4));
        if (validation != null) {
            add(chart, "validation", validation, new Color(0xff7f0e));
        }
        Pictures.save(folder.resolve(BAND), WIDTH, HEIGHT, Pictures.DEFAULT_DPI, g -> chart.paint(g, WIDTH, HEIGHT));

        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc(experiment)).append(" — repeats</title>\n<style>body{font-family:sans-serif;margin:2em}")
                .append("table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}")
                .append("th{background:#f3f3f3}img{max-width:100%}</style></head>\n<body>\n<h1>").append(esc(experiment))
                .append(": ").append(seeds.size()).append(" repeats</h1>\n<p>Seeds ").append(seeds.get(0)).append(" to ")
                .append(seeds.get(seeds.size() - 1)).append(". One training is one draw; this is the spread.</p>\n")
                .append("<figure><img src=\"").append(BAND).append("\" alt=\"accuracy per epoch over the seeds\"></figure>\n")
                .append("<table>\n<tr><th>epoch</th><th>test mean ± sd</th><th>test min</th><th>test max</th>")
                .append(validation == null ? "" : "<th>validation mean ± sd</th><th>validation min</th><th>validation max</th>")
                .append("</tr>\n");
        for (int i = 0; i < epochs.length; i++) {
            h.append("<tr><td>").append((int) epochs[i]).append("</td>").append(cells(test, i))
                    .append(validation == null ? "" : cells(validation, i)).append("</tr>\n");
        }
        h.append("</table>\n<h2>Repeats</h2>\n<ul>\n");
        for (int i = 0; i < runs.size(); i++) {
            h.append("<li>seed ").append(seeds.get(i)).append(": <a href=\"").append(esc(runs.get(i))).append("/report.html\">")
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
        XYSeries mean = chart.addSeries(name + " mean ± sd", x, band.mean(), band.sd());
        mean.setLineColor(color);
        mean.setMarkerColor(color);
        mean.setMarker(SeriesMarkers.CIRCLE);
        for (String edge : List.of("min", "max")) {
            XYSeries s = chart.addSeries(name + (edge.equals("min") ? " min–max" : " max"), x, edge.equals("min") ? band.min() : band.max());
            s.setLineColor(color);
            s.setLineStyle(SeriesLines.DASH_DASH);
            s.setMarker(SeriesMarkers.NONE);
            s.setShowInLegend(edge.equals("min"));
        }
    }

    private static String cells(Band b, int i) {
        return String.format(Locale.ROOT, "<td>%.2f ± %.2f %%</td><td>%.2f %%</td><td>%.2f %%</td>", 100 * b.mean()[i],
                100 * b.sd()[i], 100 * b.min()[i], 100 * b.max()[i]);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
