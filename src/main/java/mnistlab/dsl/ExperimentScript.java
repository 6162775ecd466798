package mnistlab.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import mnistlab.i18n.Messages;

/**
 * The base class of every experiment script: its top-level keywords. Each section's closure is
 * delegated to a builder ({@code @DelegatesTo}, so IDEs complete inside it); the builders only
 * collect values, and {@link ScriptLoader} turns them into the engine's immutable spec.
 */
public abstract class ExperimentScript extends Script {
    private Locator locator;
    private String experimentName;
    private DatasetDsl dataset;
    private ModelDsl model;
    private TrainDsl train;
    private PlotsDsl plots;
    private AugmentDsl augment;
    private SweepDsl sweep;
    private String section = "top";
    private boolean sandboxed;

    void locator(Locator value) {
        this.locator = value;
    }

    /** From the loader, before the script runs: values that reach past the spec (the data root) are confined. */
    void sandboxed(boolean value) {
        this.sandboxed = value;
    }

    /**
     * {@code experiment 'mnist-cnn'}: names the run folders.
     * @param name letters, digits, '.', '_' or '-'
     */
    public void experiment(Object name) {
        experimentName = Args.toText("experiment", "name", name);
    }

    /**
     * {@code dataset mnist { … }}: the data to train and test on.
     * @param choice what mnist, fashionMnist, idx or folder returns
     */
    public void dataset(Object choice) {
        once("dataset", dataset);
        if (choice instanceof DatasetDsl d) {
            dataset = d;
        } else if (choice instanceof CharSequence name) {
            dataset = named(name.toString());
        } else {
            throw new KeywordError("dataset", Messages.get("dsl.datasetKinds", Args.describe(choice)));
        }
    }

    /**
     * {@code mnist { … }}: MNIST.
     * @param body the section
     * @return the section
     */
    public DatasetDsl mnist(@DelegatesTo(value = DatasetDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        return within("dataset", named("mnist"), body);
    }

    /**
     * {@code fashionMnist { … }}: Fashion-MNIST.
     * @param body the section
     * @return the section
     */
    public DatasetDsl fashionMnist(@DelegatesTo(value = DatasetDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        return within("dataset", named("fashion-mnist"), body);
    }

    /**
     * {@code idx { trainImages …; … }}: any four IDX files.
     * @param body the section
     * @return the section
     */
    public DatasetDsl idx(@DelegatesTo(value = DatasetDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        return within("dataset", named("idx"), body);
    }

    /**
     * {@code folder { root …; test … }}: one sub-folder of pictures per class.
     * @param body the section
     * @return the section
     */
    public DatasetDsl folder(@DelegatesTo(value = DatasetDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        return within("dataset", named("folder"), body);
    }

    /**
     * {@code dataset mnist}: MNIST with the defaults.
     * @return the section
     */
    public DatasetDsl getMnist() {
        return named("mnist");
    }

    /**
     * {@code dataset fashionMnist}: Fashion-MNIST with the defaults.
     * @return the section
     */
    public DatasetDsl getFashionMnist() {
        return named("fashion-mnist");
    }

    private DatasetDsl named(String name) {
        return KeywordError.checked("dataset", () -> new DatasetDsl(name, sandboxed));
    }

    /**
     * {@code model { … }}: the layers, in order.
     * @param body the section
     */
    public void model(@DelegatesTo(value = ModelDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        once("model", model);
        model = within("model", new ModelDsl(locator), body);
    }

    /**
     * {@code train { … }}: epochs, optimizer, schedule, seed, ….
     * @param body the section
     */
    public void train(@DelegatesTo(value = TrainDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        once("train", train);
        train = within("train", new TrainDsl(), body);
    }

    /**
     * {@code augment { … }}: random distortions of the training images.
     * @param body the section
     */
    public void augment(@DelegatesTo(value = AugmentDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        once("augment", augment);
        augment = within("augment", new AugmentDsl(), body);
    }

    /**
     * {@code sweep { … }}: trials over --set keys, a grid or random draws.
     * @param body the section
     */
    public void sweep(@DelegatesTo(value = SweepDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        once("sweep", sweep);
        sweep = within("sweep", new SweepDsl(Overrides.keys(), sandboxed), body);
    }

    /**
     * {@code plots { … }}: the pictures drawn after training.
     * @param body the section
     */
    public void plots(@DelegatesTo(value = PlotsDsl.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        once("plots", plots);
        plots = within("plots", new PlotsDsl(), body);
    }

    private static void once(String keyword, Object existing) {
        if (existing != null) {
            throw new KeywordError(keyword, Messages.get("dsl.secondSection", keyword));
        }
    }

    private <T> T within(String name, T delegate, Closure<?> body) {
        String outer = section;
        section = name;
        Closure<?> c = body.rehydrate(delegate, this, this);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.call();
        section = outer;
        return delegate;
    }

    // What the loader reads after the script ran.
    String section() {
        return section;
    }

    String experimentName() {
        return experimentName;
    }

    void experimentName(String name) {
        experimentName = name;
    }

    DatasetDsl datasetDsl() {
        return dataset;
    }

    ModelDsl modelDsl() {
        return model;
    }

    TrainDsl trainDsl() {
        return train;
    }

    SweepDsl sweepDsl() {
        return sweep;
    }

    AugmentDsl augmentDsl() {
        return augment;
    }

    PlotsDsl plotsDsl() {
        return plots;
    }
}
