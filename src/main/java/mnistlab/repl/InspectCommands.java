package mnistlab.repl;

import mnistlab.data.ImageFiles;
import mnistlab.data.NoDigitException;
import mnistlab.engine.Inspector;
import mnistlab.engine.spec.LayerRoles;
import mnistlab.i18n.Messages;
import mnistlab.result.Heatmap;
import mnistlab.result.LayerOutput;
import mnistlab.result.Prediction;
import org.jline.reader.impl.completer.NullCompleter;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Looking inside the network from the session: {@code :layers I} and {@code :explain I}, and the
 * Groovy helpers activations, filters, saliency and gradCam (in Java, the {@code inspector}
 * variable). An image is a test index, pixels, a picture or a picture's file.
 */
final class InspectCommands {
    private final ReplSession session;
    private final Display display;
    private final LayerViews views;
    private final PrintWriter out;

    InspectCommands(ReplSession session, Display display, PrintWriter out) {
        this.session = session;
        this.display = display;
        this.views = new LayerViews(!display.isPlain());
        this.out = out;
    }

    /** Adds {@code :layers} and {@code :explain} to the table. */
    CommandTable addTo(CommandTable table) {
        return table
                .add(":layers", "I", Messages.get("repl.cmd.layers"), NullCompleter.INSTANCE, this::layers)
                .add(":explain", "I", Messages.get("repl.cmd.explain"), NullCompleter.INSTANCE, this::explain);
    }

    /** Binds the helpers in Groovy. */
    void bindHelpers(GroovyEvaluator groovy) {
        groovy.bindFunction("activations", a -> SessionBindings.call(() -> inspector().activations(pixels(a, 1, "activations"))));
        groovy.bindFunction("filters", a -> SessionBindings.call(() -> inspector().filters(whole(a, 0, "filters"))));
        groovy.bindFunction("saliency", a -> SessionBindings.call(() -> a.length == 2
                ? inspector().saliency(pixels(a, 2, "saliency"), whole(a, 1, "saliency"))
                : inspector().saliency(pixels(a, 1, "saliency"))));
        groovy.bindFunction("gradCam", a -> SessionBindings.call(() -> a.length == 3
                ? inspector().gradCam(pixels(a, 3, "gradCam"), whole(a, 1, "gradCam"), whole(a, 2, "gradCam"))
                : a.length == 2 ? inspector().gradCam(pixels(a, 2, "gradCam"), whole(a, 1, "gradCam"), inspector().defaultGradCamLayer())
                : inspector().gradCam(pixels(a, 1, "gradCam"))));
    }

    private boolean layers(String arg) throws IOException {
        int index = CommandTable.wholeNumber(":layers", CommandTable.required(":layers", arg, "I"), "I");
        float[] pixels = inspector().testImage(index);
        out.println(Messages.get("inspect.testImage", index, label(index)));
        out.print(display.image(pixels, session.experiment().testSet().rows(), session.experiment().testSet().cols()));
        for (LayerOutput output : inspector().activations(pixels)) {
            out.print(views.layer(output));
        }
        return true;
    }

    private boolean explain(String arg) throws IOException {
        int index = CommandTable.wholeNumber(":explain", CommandTable.required(":explain", arg, "I"), "I");
        float[] pixels = inspector().testImage(index);
        Prediction p = session.predict(pixels);
        Heatmap saliency = inspector().saliency(pixels, p.label());
        Heatmap gradCam = hasConv() ? inspector().gradCam(pixels, p.label(), inspector().defaultGradCamLayer()) : null;
        String heading = Messages.get("inspect.explained", index, p.classNames().get(p.label()), label(index));
        out.print(gradCam == null ? heading + '\n' + views.heatmap(saliency) + display.prediction(p, session.label(index))
                : views.explain(heading, pixels, saliency, gradCam, display.prediction(p, session.label(index)), p));
        return true;
    }

    private String label(int index) throws IOException {
        return session.experiment().testSet().classNames().get(session.label(index));
    }

    private Inspector inspector() throws IOException {
        return session.experiment().inspector();
    }

    private boolean hasConv() {
        return !LayerRoles.convLayers(session.spec().layers()).isEmpty();
    }

    private float[] pixels(Object[] args, int most, String helper) throws IOException {
        if (args.length < 1 || args.length > most) {
            throw new ReplException(Messages.get("repl.inspectForms", helper), null);
        }
        Object image = args[0];
        if (image instanceof Number n) {
            return inspector().testImage(n.intValue());
        }
        if (image instanceof float[] f) {
            return f;
        }
        if (image instanceof BufferedImage b) {
            return inspector().pixelsOf(b);
        }
        Path file = image instanceof File f ? f.toPath() : image instanceof Path p ? p
                : image instanceof CharSequence s ? Path.of(s.toString()) : null;
        if (file == null) {
            throw new ReplException(Messages.get("repl.inspectForms", helper), null);
        }
        try {
            return inspector().pixelsOf(ImageFiles.read(file));
        } catch (IOException | NoDigitException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static int whole(Object[] args, int at, String helper) {
        if (args.length <= at || !(args[at] instanceof Number n)) {
            throw new ReplException(Messages.get("repl.inspectForms", helper), null);
        }
        return n.intValue();
    }
}
