package mnistlab.plot;

import mnistlab.i18n.Messages;
import mnistlab.result.EpochMetrics;
import mnistlab.result.Evaluation;
import mnistlab.result.HistoryPoint;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The XChart charts: training curves and the confusion matrix. */
public final class Charts {

    private Charts() {
    }

    /**
     * The seed's two stacked charts (loss, then accuracy, against training images seen, from the
     * every-N-batches history) and a third with each epoch's train and test accuracy.
     * @param history the records
     * @param epochs the epochs' figures
     * @param titles the three charts' titles
     * @param width each chart's width
     * @param height each chart's height
     * @param font the font family
     * @return the charts, top to bottom
     */
    public static List<XYChart> curves(List<HistoryPoint> history, List<EpochMetrics> epochs, List<String> titles,
                                       int width, int height, String font) {
        // Thousands on the axis: "10 40 70", not XChart's "1E4 4E4 7E4".
        double[] seen = history.stream().mapToDouble(h -> h.samplesSeen() / 1000.0).toArray();
        String images = Messages.get("plot.imagesSeen");
        XYChart loss = xy(titles.get(0), images, Messages.get("plot.loss"), width, height, font);
        loss.addSeries(Messages.get("plot.loss"), seen, history.stream().mapToDouble(HistoryPoint::loss).toArray())
                .setMarker(SeriesMarkers.NONE);
        XYChart accuracy = xy(titles.get(1), images, Messages.get("plot.accuracy"), width, height, font);
        accuracy.addSeries(Messages.get("plot.accuracy"), seen, history.stream().mapToDouble(HistoryPoint::accuracy).toArray())
                .setMarker(SeriesMarkers.NONE);
        // One series each: the title names it, and a legend would only cover the curve.
        loss.getStyler().setLegendVisible(false);
        accuracy.getStyler().setLegendVisible(false);
        XYChart perEpoch = xy(titles.get(2), Messages.get("plot.epoch"), Messages.get("plot.accuracy"), width, height, font);
        double[] epochNumbers = epochs.stream().mapToDouble(EpochMetrics::epoch).toArray();
        perEpoch.addSeries(Messages.get("plot.train"), epochNumbers, epochs.stream().mapToDouble(EpochMetrics::trainAccuracy).toArray());
        perEpoch.addSeries(Messages.get("plot.test"), epochNumbers, epochs.stream().mapToDouble(EpochMetrics::testAccuracy).toArray());
        // Accuracy curves rise to the top right: the legend goes where they are not.
        perEpoch.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        perEpoch.getStyler().setXAxisDecimalPattern("0");
        return List.of(loss, accuracy, perEpoch);
    }

    /**
     * Test accuracy per epoch, one series per trial (a sweep's or repeats' runs overlaid).
     * @param title the title
     * @param names one per run
     * @param runs each run's epochs
     * @param width the width
     * @param height the height
     * @param font the font family
     * @return the chart
     */
    public static XYChart perEpochOverlay(String title, List<String> names, List<List<EpochMetrics>> runs, int width,
                                          int height, String font) {
        XYChart chart = xy(title, Messages.get("plot.epoch"), Messages.get("plot.testAccuracy"), width, height, font);
        for (int i = 0; i < names.size(); i++) {
            List<EpochMetrics> epochs = runs.get(i);
            if (!epochs.isEmpty()) {
                chart.addSeries(names.get(i), epochs.stream().mapToDouble(EpochMetrics::epoch).toArray(),
                        epochs.stream().mapToDouble(EpochMetrics::testAccuracy).toArray());
            }
        }
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }

    /** The axis titles and legends of the curves, in the current language: the font must draw them too. */
    static List<String> curveLabels() {
        return List.of(Messages.get("plot.imagesSeen"), Messages.get("plot.loss"), Messages.get("plot.accuracy"),
                Messages.get("plot.epoch"), Messages.get("plot.train"), Messages.get("plot.test"),
                Messages.get("plot.testAccuracy"));
    }

    /** The confusion matrix's axis titles, in the current language. */
    static List<String> confusionLabels() {
        return List.of(Messages.get("plot.predicted"), Messages.get("plot.true"));
    }

    private static XYChart xy(String title, String x, String y, int width, int height, String font) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(x).yAxisTitle(y).build();
        style(chart.getStyler(), font);
        chart.getStyler().setXAxisDecimalPattern("#,##0.#");
        chart.getStyler().setYAxisDecimalPattern("0.####");
        return chart;
    }

    /**
     * Counts of (true, predicted) pairs as a heat map with the counts written in the cells.
     * @param eval the evaluation
     * @param classNames one per label
     * @param title the title
     * @param width the width
     * @param height the height
     * @param font the font family
     * @return the chart
     */
    public static HeatMapChart confusion(Evaluation eval, List<String> classNames, String title, int width, int height,
                                         String font) {
        HeatMapChart chart = new HeatMapChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(Messages.get("plot.predicted")).yAxisTitle(Messages.get("plot.true")).build();
        style(chart.getStyler(), font);
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(font, Font.PLAIN, 10));
        chart.getStyler().setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
        chart.getStyler().setLegendVisible(false);
        int n = classNames.size();
        List<Number[]> cells = new ArrayList<>();
        int[][] confusion = eval.confusion();
        for (int t = 0; t < n; t++) {
            for (int p = 0; p < n; p++) {
                // XChart draws y upwards; the first true class goes on top, as in a printed matrix.
                cells.add(new Number[] {p, n - 1 - t, confusion[t][p]});
            }
        }
        List<String> reversed = new ArrayList<>(classNames);
        Collections.reverse(reversed);
        chart.addSeries("confusion", classNames, reversed, cells);
        return chart;
    }

    static void style(Styler styler, String font) {
        styler.setChartTitleFont(new Font(font, Font.BOLD, 14));
        styler.setLegendFont(new Font(font, Font.PLAIN, 11));
        styler.setChartBackgroundColor(Color.WHITE);
        if (styler instanceof AxesChartStyler axes) {
            axes.setAxisTitleFont(new Font(font, Font.PLAIN, 12));
            axes.setAxisTickLabelsFont(new Font(font, Font.PLAIN, 10));
        }
    }

    /**
     * Paints charts stacked top to bottom, each width x height.
     * @param g where to paint
     * @param charts the charts
     * @param width each chart's width
     * @param height each chart's height
     */
    public static void paintStacked(Graphics2D g, List<? extends Chart<?, ?>> charts, int width, int height) {
        for (int i = 0; i < charts.size(); i++) {
            Graphics2D part = (Graphics2D) g.create(0, i * height, width, height);
            try {
                charts.get(i).paint(part, width, height);
            } finally {
                part.dispose();
            }
        }
    }
}
