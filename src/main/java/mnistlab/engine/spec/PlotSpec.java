package mnistlab.engine.spec;

import java.util.Map;

/** A picture to render into the run folder: its kind (samples, curves, ...), file name and options. */
public record PlotSpec(String kind, String file, Map<String, Object> options) {
    public PlotSpec {
        options = Map.copyOf(options);
    }
}
