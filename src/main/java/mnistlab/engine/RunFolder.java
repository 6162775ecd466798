package mnistlab.engine;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import mnistlab.data.AtomicFiles;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.i18n.Messages;
import mnistlab.result.EpochMetrics;
import mnistlab.result.Evaluation;
import mnistlab.result.HistoryPoint;
import mnistlab.result.TrainingResult;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run folder {@code runs/<experiment>-<timestamp>/}: {@code spec.json}, the parameters in DJL's
 * format ({@code <experiment>-NNNN.params}, NNNN the epochs done), {@code checkpoint.json},
 * {@code metrics.json}, {@code metrics.csv} and {@code history.csv}. Every file is written to a
 * temporary file and renamed, so an interruption leaves the previous version intact.
 */
public final class RunFolder {
    /** The spec's file in a run folder; a folder without one is not a run folder. */
    public static final String SPEC = "spec.json";
    /** The checkpoint's file: which parameter file holds the last finished epoch. */
    public static final String CHECKPOINT = "checkpoint.json";
    /** The metrics' file: every finished epoch's figures and the test evaluation. */
    public static final String METRICS = "metrics.json";

    private static final byte[] DJL_MARK = {'D', 'J', 'L', '@'};
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * A new, empty run folder under {@code runsRoot}, named after the experiment and the time.
     * @param runsRoot where it goes
     * @param experiment the experiment's name
     * @return the folder
     * @throws IOException when the folder cannot be read or written
     */
    public static RunFolder create(Path runsRoot, String experiment) throws IOException {
        Files.createDirectories(runsRoot);
        String base = experiment + "-" + LocalDateTime.now().format(STAMP);
        Path dir = runsRoot.resolve(base);
        for (int i = 2; ; i++) {
            try {
                return new RunFolder(Files.createDirectory(dir));
            } catch (FileAlreadyExistsException e) {
                dir = runsRoot.resolve(base + "-" + i);
            }
        }
    }

    /**
     * An existing run folder; it must hold a spec.json.
     * @param dir the folder
     * @return the folder
     * @throws IOException when it has no spec.json
     */
    public static RunFolder open(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(SPEC))) {
            throw new IOException(Messages.get("run.notRunFolder", dir, SPEC));
        }
        return new RunFolder(dir);
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /**
     * Writes spec.json (lambda layers cannot be saved: their runs reopen with the script).
     * @param spec the experiment
     * @throws IOException when the folder cannot be read or written
     */
    public void writeSpec(ExperimentSpec spec) throws IOException {
        AtomicFiles.writeString(dir.resolve(SPEC), SpecJson.toJson(spec));
    }

    /**
     * Reads spec.json.
     * @return the spec
     * @throws IOException when it is missing or not a spec this version reads
     */
    public ExperimentSpec readSpec() throws IOException {
        Path file = dir.resolve(SPEC);
        try {
            return SpecJson.fromJson(Files.readString(file));
        } catch (JsonParseException | IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** What a checkpoint says about the training so far. */
    public record Checkpoint(int epochsDone, int updatesDone, String parametersFile) {
    }

    /**
     * Saves the parameters after {@code epochsDone} epochs, then the checkpoint record naming
     * them; older parameter files go only after both are in place.
     * @param model the model
     * @param epochsDone epochs finished
     * @param updatesDone optimizer updates so far, for the schedule
     * @throws IOException when the folder cannot be read or written
     */
    public void writeCheckpoint(Model model, int epochsDone, int updatesDone) throws IOException {
        Path tmp = Files.createTempDirectory(dir, ".checkpoint-");
        try {
            model.setProperty("Epoch", Integer.toString(epochsDone));
            model.save(tmp, model.getName());
            String name = paramsName(model.getName(), epochsDone);
            AtomicFiles.moveIntoPlace(tmp.resolve(name), dir.resolve(name));
            AtomicFiles.writeString(dir.resolve(CHECKPOINT),
                    SpecJson.gson().toJson(new Checkpoint(epochsDone, updatesDone, name)));
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, model.getName() + "-*.params")) {
                for (Path p : old) {
                    if (!p.getFileName().toString().equals(name)) {
                        Files.delete(p);
                    }
                }
            }
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    /**
     * The checkpoint, or null when training never finished an epoch here.
     * @return the checkpoint, or null
     * @throws IOException when the folder cannot be read or written
     */
    public Checkpoint readCheckpoint() throws IOException {
        Path file = dir.resolve(CHECKPOINT);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return SpecJson.gson().fromJson(Files.readString(file), Checkpoint.class);
        } catch (JsonParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the checkpoint's parameters into the model (whose block must match the spec).
     * @param model the model
     * @param checkpoint the checkpoint
     * @throws IOException when the folder cannot be read or written
     */
    public void loadParameters(Model model, Checkpoint checkpoint) throws IOException {
        // the file DJL loads, from the model's name and the epoch: not the name checkpoint.json gives,
        // which a run folder from elsewhere could point outside it
        Path file = dir.resolve(paramsName(model.getName(), checkpoint.epochsDone()));
        if (!Files.isRegularFile(file)) {
            throw new IOException(Messages.get("cli.about", file, Messages.get("file.missing")));
        }
        // DJL loads a file without its mark silently and fails only at the first forward pass
        if (!startsAsDjlParameters(file)) {
            throw new IOException(Messages.get("checkpoint.notParameters", file));
        }
        try {
            model.load(dir, model.getName(), Map.of("epoch", Integer.toString(checkpoint.epochsDone())));
        } catch (MalformedModelException | EOFException | IllegalStateException | IllegalArgumentException e) {
            // DJL's own words name a parameter ("The array for parameter "weight" has not been
            // initialized") or nothing at all (an empty file), never the file
            throw new IOException(Messages.get("checkpoint.notParameters", file), e);
        }
    }

    /** DJL's parameter files begin with the mark "DJL@". */
    private static boolean startsAsDjlParameters(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(DJL_MARK.length), DJL_MARK);
        }
    }

    static String paramsName(String model, int epoch) {
        return String.format(Locale.ROOT, "%s-%04d.params", model, epoch);
    }

    /**
     * metrics.json, metrics.csv (one row per epoch) and history.csv (one row per record).
     * @param result what training has done
     * @param spec the experiment, for the classes' names
     * @throws IOException when the folder cannot be read or written
     */
    public void writeMetrics(TrainingResult result, ExperimentSpec spec) throws IOException {
        JsonObject json = new JsonObject();
        json.addProperty("experiment", result.experiment());
        json.addProperty("dataset", spec.dataset().name());
        json.addProperty("device", result.device());
        json.addProperty("parameters", result.parameters());
        json.addProperty("cancelled", result.cancelled());
        json.addProperty("keptEpoch", result.keptEpoch());
        Evaluation test = result.test();
        if (test != null) {
            json.addProperty("testAccuracy", test.accuracy());
            json.addProperty("testImages", test.count());
            json.addProperty("inferenceSeconds10k", test.secondsPer10k());
            json.add("perClassAccuracy", SpecJson.gson().toJsonTree(test.perClassAccuracy()));
            json.add("confusion", SpecJson.gson().toJsonTree(test.confusion()));
            json.addProperty("misclassified", test.count() - test.correct());
        }
        JsonArray epochs = SpecJson.gson().toJsonTree(result.epochs()).getAsJsonArray();
        for (JsonElement epoch : epochs) { // no validation set: the fields are left out rather than NaN, which JSON lacks
            JsonObject e = epoch.getAsJsonObject();
            if (Float.isNaN(e.get("validationAccuracy").getAsFloat())) {
                e.remove("validationLoss");
                e.remove("validationAccuracy");
            }
        }
        json.add("epochs", epochs);
        json.add("history", SpecJson.gson().toJsonTree(result.history()));
        AtomicFiles.writeString(dir.resolve(METRICS), SpecJson.gson().toJson(json));

        StringBuilder csv = new StringBuilder("epoch,loss,train_accuracy,test_accuracy,seconds,images_per_second,learning_rate,"
                + "validation_loss,validation_accuracy\n");
        for (EpochMetrics e : result.epochs()) {
            csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.3f,%.1f,%.8f,%.6f,%.6f%n", e.epoch(), e.loss(),
                    e.trainAccuracy(), e.testAccuracy(), e.seconds(), e.imagesPerSecond(), e.learningRate(),
                    e.validationLoss(), e.validationAccuracy()));
        }
        AtomicFiles.writeString(dir.resolve("metrics.csv"), csv.toString());
        StringBuilder history = new StringBuilder("epoch,batch,samples_seen,loss,accuracy\n");
        for (HistoryPoint h : result.history()) {
            history.append(String.format(Locale.ROOT, "%d,%d,%d,%.6f,%.6f%n", h.epoch(), h.batch(), h.samplesSeen(),
                    h.loss(), h.accuracy()));
        }
        AtomicFiles.writeString(dir.resolve("history.csv"), history.toString());
    }

    /**
     * The per-epoch metrics and history written so far, to continue them on resume.
     * @return epochs and history, empty when there are none
     * @throws IOException when the folder cannot be read or written
     */
    public TrainingResult readMetrics() throws IOException {
        Path file = dir.resolve(METRICS);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonObject json = SpecJson.gson().fromJson(Files.readString(file), JsonObject.class);
            for (JsonElement epoch : json.getAsJsonArray("epochs")) {
                JsonObject e = epoch.getAsJsonObject();
                if (!e.has("validationAccuracy")) { // written before validation existed: none was held out
                    e.add("validationLoss", new JsonPrimitive(Float.NaN));
                    e.add("validationAccuracy", new JsonPrimitive(Float.NaN));
                }
            }
            List<EpochMetrics> epochs = List.of(SpecJson.gson().fromJson(json.get("epochs"), EpochMetrics[].class));
            List<HistoryPoint> history = List.of(SpecJson.gson().fromJson(json.get("history"), HistoryPoint[].class));
            return new TrainingResult(json.get("experiment").getAsString(), json.get("device").getAsString(),
                    json.get("parameters").getAsLong(), epochs, history, null, json.get("cancelled").getAsBoolean(), dir,
                    json.has("keptEpoch") ? json.get("keptEpoch").getAsInt() : 0);
        } catch (JsonParseException | NullPointerException e) {
            throw new IOException(Messages.get("run.badMetrics", file, e.getMessage()), e);
        }
    }
}
