package mnistlab.cli;

import mnistlab.dsl.DslException;
import mnistlab.dsl.SandboxLimits;
import mnistlab.dsl.ScriptLoader;
import mnistlab.engine.ConsoleProgress;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.i18n.Messages;
import mnistlab.plot.Report;
import mnistlab.result.Evaluation;
import mnistlab.result.ModelSummary;
import mnistlab.result.TrainingListener;
import mnistlab.result.TrainingResult;
import mnistlab.run.Runs;
import mnistlab.run.Sweeps;
import mnistlab.serve.LabServer;
import mnistlab.serve.LiveTraining;
import mnistlab.run.SlurmOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/mnist-run}: runs an experiment script end to end (data, summary, training,
 * evaluation, run folder), resumes a run, or evaluates a saved one. Exit codes: 0 success,
 * 2 script or usage error, 1 runtime failure, 130 interrupted (the last checkpoint stays).
 */
@Command(name = "mnist-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run an experiment script: fetch data, train, evaluate, write the run folder.")
public final class RunCommand implements Callable<Integer> {
    @Parameters(descriptionKey = "help.run.script", arity = "0..1", paramLabel = "SCRIPT",
            description = "the experiment script (.groovy)")
    Path script;

    @Option(descriptionKey = "help.run.set", names = "--set", paramLabel = "KEY=VALUE",
            description = "override a spec value, e.g. train.epochs=1 (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(descriptionKey = "help.run.device", names = "--device",
            description = "auto, cpu, gpu or gpu:N (overrides the script)")
    String device;

    @Option(descriptionKey = "help.run.root", names = "--root", description = "data root folder (overrides the script)")
    Path root;

    @Option(descriptionKey = "help.run.out", names = "--out", defaultValue = "runs",
            description = "where run folders go (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(descriptionKey = "help.run.dryRun", names = "--dry-run",
            description = "parse, validate, print the summary and exit")
    boolean dryRun;

    @Option(descriptionKey = "help.run.sandbox", names = "--sandbox",
            description = "run an untrusted script: only the DSL, no files, network, processes or reflection")
    boolean sandbox;

    @Option(descriptionKey = "help.run.sandboxTimeout", names = "--sandbox-timeout", paramLabel = "SECONDS",
            description = "with --sandbox: how long evaluating the script may take (default: 5)")
    Double sandboxTimeout;

    @Option(descriptionKey = "help.run.serve", names = "--serve", arity = "0..1", fallbackValue = "0", paramLabel = "PORT",
            description = "follow the training on the lab's page, on PORT or a free one (printed at start)")
    Integer serve;

    @Option(descriptionKey = "help.run.quiet", names = "--quiet",
            description = "no summary and no progress, only the results")
    boolean quiet;

    @Option(descriptionKey = "help.run.resume", names = "--resume", paramLabel = "RUN_DIR",
            description = "continue training a run folder from its last checkpoint")
    Path resume;

    @Option(descriptionKey = "help.run.eval", names = "--eval", paramLabel = "RUN_DIR",
            description = "evaluate a run folder's model without training")
    Path eval;

    @Option(descriptionKey = "help.run.repeats", names = "--repeats", paramLabel = "N",
            description = "train N times with seeds seed, seed+1, …; print each epoch's spread")
    Integer repeats;

    @Option(descriptionKey = "help.run.workers", names = "--workers", paramLabel = "N",
            description = "a sweep's trials at a time (one per GPU with several; on the CPU the cores are split)")
    Integer workers;

    @Mixin
    ExecutorOptions executor;

    /** A child of a sweep with --workers: train the script once, its sweep { } section aside. */
    @Option(names = "--trial", hidden = true)
    boolean trial;

    @Option(descriptionKey = "help.run.ensemble", names = "--ensemble", arity = "2..*", paramLabel = "RUN_DIR",
            description = "average these runs' probabilities on their test set; print the ensemble's accuracy")
    List<Path> ensemble;

    @Option(descriptionKey = "help.run.tta", names = "--tta", paramLabel = "R",
            description = "with --ensemble: each run also classifies every image moved by up to R pixels along each "
                    + "axis ((2R+1)^2 views) and averages them (test-time augmentation)")
    Integer shiftRadius;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        if (resume != null && eval != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("run.resumeOrEval"));
        }
        if (sandboxTimeout != null && !sandbox) {
            throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("run.timeoutNeedsSandbox"));
        }
        if (shiftRadius != null && ensemble == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("run.ttaNeedsEnsemble"));
        }
        if (ensemble != null) {
            return SeriesCommands.ensemble(ensemble, shiftRadius == null ? 0 : shiftRadius, stdout);
        }
        if (script == null && resume == null && eval == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    Messages.get("run.nothingToDo"));
        }
        List<String> problems = folderProblems();
        if (!problems.isEmpty()) {
            problems.forEach(problem -> stderr.println(CommandLines.failure("mnist-run", problem)));
            return ExitCodes.BAD_INPUT;
        }
        ScriptLoader.Loaded loaded;
        try {
            loaded = script == null ? null : loadScript(stdout);
        } catch (DslException e) {
            stderr.println(e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        ExperimentSpec experiment = loaded == null ? null : loaded.spec();
        if (dryRun) {
            if (experiment == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("run.dryRunNeedsScript"));
            }
            stdout.println(Messages.get("run.dryRunValid", script));
            return 0;
        }
        Path runDir = resume != null ? resume : eval;
        SlurmOptions slurm = slurmOptions();
        if (loaded != null && loaded.sweep() != null && eval == null && !trial) {
            if (serve != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("run.serveNotSweep"));
            }
            return SeriesCommands.sweep(loaded, resume, out, workers == null ? 1 : workers, slurm, quiet,
                    values -> reload(values).spec(), this::trialArguments, stdout, stderr);
        }
        boolean seriesOnSlurm = slurm != null && (resume == null || Files.isRegularFile(resume.resolve(Sweeps.PLAN)));
        if ((runDir == null || seriesOnSlurm) && experiment.train().repeats() > 1) {
            if (serve != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("run.serveNotRepeats"));
            }
            return slurm == null ? SeriesCommands.repeats(experiment, out, quiet, stdout, stderr)
                    : SeriesCommands.repeatsOnSlurm(experiment, resume, out, slurm, quiet,
                    values -> reload(values).spec(), this::trialArguments, stdout, stderr);
        }
        if (slurm != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), Messages.get("run.slurmNeedsSeries"));
        }
        CountDownLatch finished = new CountDownLatch(1);
        try (Experiment exp = runDir == null ? Experiment.create(experiment)
                : experiment == null ? Experiment.open(runDir) : Experiment.open(runDir, experiment)) {
            if (eval != null) {
                report(stdout, exp.evaluate(), exp.runDir());
                return 0;
            }
            // Ctrl-C asks the loop to stop at the next batch; the JVM waits until the run folder is written.
            Thread hook = new Thread(() -> {
                exp.cancel();
                SeriesCommands.await(finished);
            }, "mnist-run-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            TrainingListener progress = quiet ? TrainingListener.NONE : new ConsoleProgress(stdout, System.console() != null);
            TrainingResult result;
            try (LabServer page = serve == null ? null : LabServer.start(out, "127.0.0.1", serve, System.err)) {
                if (page != null) {
                    LiveTraining live = new LiveTraining(exp::cancel);
                    page.follow(live);
                    progress = TrainingListener.all(List.of(progress, live));
                    stdout.println(Messages.get("run.follow", page.uri()));
                    stdout.flush();
                }
                result = Runs.train(exp, out, progress, warning -> stderr.println(Messages.get("cli.warning", warning)));
            }
            if (result.cancelled()) {
                stderr.println(Messages.get("run.interrupted", result.runDir()));
                stderr.flush();
                return ExitCodes.INTERRUPTED;
            }
            stderr.flush();
            report(stdout, result.test(), result.runDir());
            SeriesCommands.removeHook(hook);
            return 0;
        } finally {
            finished.countDown();
        }
    }

    /** bin/mnist-run's arguments that train one trial of this sweep in a child JVM, as this command would. */
    private List<String> trialArguments(Sweeps.TrialJob job) {
        List<String> args = new ArrayList<>(List.of(script.toString(), "--trial", "--quiet", "--out", job.trialDir().toString()));
        List<String> all = commandLineOverrides();
        job.trial().values().forEach((key, value) -> all.add(key + "=" + value));
        all.forEach(pair -> args.addAll(List.of("--set", pair)));
        if (job.resumeRun() != null) {
            args.addAll(List.of("--resume", job.resumeRun().toString()));
        }
        if (sandbox) {
            args.add("--sandbox");
            if (sandboxTimeout != null) {
                args.addAll(List.of("--sandbox-timeout", sandboxTimeout.toString()));
            }
        }
        return args;
    }

    /** The Slurm tasks' options (null to train here); --workers belongs to the local executor. */
    private SlurmOptions slurmOptions() {
        try {
            SlurmOptions slurm = executor.slurm();
            if (slurm != null && workers != null) {
                throw new IllegalArgumentException(Messages.get("run.workersNotSlurm"));
            }
            return slurm;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The script again with a sweep trial's values added to the command line's overrides. */
    private ScriptLoader.Loaded reload(Map<String, String> values) {
        List<String> all = commandLineOverrides();
        values.forEach((key, value) -> all.add(key + "=" + value));
        return sandbox ? ScriptLoader.loadSandboxed(script, all, sandboxLimits()) : ScriptLoader.load(script, all, false);
    }

    private List<String> commandLineOverrides() {
        List<String> all = new ArrayList<>(overrides);
        if (device != null) {
            all.add("train.device=" + device);
        }
        if (root != null) {
            all.add("dataset.root=" + root);
        }
        if (repeats != null) {
            all.add("train.repeats=" + repeats);
        }
        return all;
    }

    private ScriptLoader.Loaded loadScript(PrintWriter stdout) {
        List<String> all = commandLineOverrides();
        ScriptLoader.Loaded loaded = sandbox ? ScriptLoader.loadSandboxed(script, all, sandboxLimits())
                : ScriptLoader.load(script, all, false);
        ModelSummary summary = ScriptLoader.check(loaded);
        if (!quiet || dryRun) {
            stdout.println(Messages.get("run.experiment", loaded.spec().name(), loaded.spec().dataset().name()));
            stdout.print(summary);
            stdout.flush();
        }
        return loaded;
    }

    /** --out must take new run folders; --root only when its data is still to be fetched, so an existing folder passes. */
    private List<String> folderProblems() {
        List<String> problems = new ArrayList<>();
        String outProblem = eval == null ? WritableFolder.problem(out) : null;
        if (outProblem != null) {
            problems.add(Messages.get("run.badFolder", "--out", out, outProblem));
        }
        if (root != null && !Files.isDirectory(root)) {
            String rootProblem = WritableFolder.problem(root);
            if (rootProblem != null) {
                problems.add(Messages.get("run.badFolder", "--root", root, rootProblem));
            }
        }
        return problems;
    }

    private SandboxLimits sandboxLimits() {
        if (sandboxTimeout == null) {
            return SandboxLimits.DEFAULT;
        }
        if (!(sandboxTimeout > 0) || sandboxTimeout > 3600) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    Messages.get("run.badTimeout", sandboxTimeout));
        }
        return SandboxLimits.DEFAULT.withTimeout(Duration.ofMillis(Math.round(sandboxTimeout * 1000)));
    }

    /** The seed script's two closing lines, then where everything was written. */
    static void report(PrintWriter out, Evaluation test, Path runDir) {
        out.println(Messages.get("run.testAccuracy", 100 * test.accuracy()));
        out.println(Messages.get("run.testTime", test.count(), test.seconds()));
        if (runDir != null) {
            out.println(Messages.get("run.folder", runDir));
            if (Files.exists(runDir.resolve(Report.FILE))) {
                out.println(Messages.get("run.report", runDir.resolve(Report.FILE)));
            }
        }
        out.flush();
    }

    /**
     * bin/mnist-run.
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The configured command line, for tests and embedding.
     * @return the command line
     */
    public static CommandLine commandLine() {
        return CommandLines.oneLineErrors(new RunCommand(), "mnist-run");
    }
}
