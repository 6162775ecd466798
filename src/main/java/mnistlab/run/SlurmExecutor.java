package mnistlab.run;

import mnistlab.data.AtomicFiles;
import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Trains a sweep's trials as one Slurm job array: task i runs plan trial i through bin/mnist-run
 * on whichever node Slurm picks, all state in the sweep folder on a shared file system. It follows
 * the tasks with squeue until all have ended. Run again ({@code --resume}), it follows the tasks
 * of earlier submissions still queued or running and submits only the trials no task will finish.
 */
public final class SlurmExecutor implements TrialExecutor {
    /** The sweep folder's list of the job ids submitted for it, one a line. */
    static final String JOBS = "slurm-jobs.txt";
    private static final long POLL_MILLIS = 2000;

    private final Path sweep;
    private final Path launcher;
    private final SlurmOptions options;
    private final Function<Sweeps.TrialJob, List<String>> arguments;
    private final BooleanSupplier stopped;
    private final Consumer<String> progress;
    private final Consumer<String> warnings;

    /**
     * An executor for the sweep in {@code sweep}.
     * @param sweep the sweep folder, on a file system every node shares
     * @param launcher bin/mnist-run, at a path every node shares
     * @param options what each task asks for
     * @param arguments bin/mnist-run's arguments for one trial
     * @param stopped says when to stop following (the tasks go on)
     * @param progress hears a line whenever the counts change
     * @param warnings hears of each failed task, its log named
     */
    public SlurmExecutor(Path sweep, Path launcher, SlurmOptions options, Function<Sweeps.TrialJob, List<String>> arguments,
                         BooleanSupplier stopped, Consumer<String> progress, Consumer<String> warnings) {
        this.sweep = sweep;
        this.launcher = launcher;
        this.options = options;
        this.arguments = arguments;
        this.stopped = stopped;
        this.progress = progress;
        this.warnings = warnings;
    }

    /**
     * Before a sweep folder is planned: Slurm's commands are there and its controller answers.
     * @throws IOException in one line saying which is not
     */
    public static void checkCluster() throws IOException {
        SlurmClient.check();
    }

    @Override
    public void runAll(List<Sweeps.TrialJob> jobs) throws IOException {
        SlurmClient.check();
        List<Sweeps.Trial> plan = Sweeps.trials(sweep);
        Map<Integer, Sweeps.TrialJob> byIndex = new LinkedHashMap<>();
        for (Sweeps.TrialJob job : jobs) {
            byIndex.put(plan.indexOf(job.trial()), job);
        }
        Map<Integer, String> following = liveTasks(byIndex);
        Map<Integer, SlurmScript.Task> toSubmit = new LinkedHashMap<>();
        byIndex.forEach((index, job) -> {
            if (!following.containsKey(index)) {
                toSubmit.put(index, new SlurmScript.Task(job.trialDir(), arguments.apply(job)));
            }
        });
        if (!toSubmit.isEmpty()) {
            String id = submit(toSubmit);
            toSubmit.keySet().forEach(index -> following.put(index, id));
        }
        follow(following, byIndex);
    }

    /**
     * Cancels every array this sweep submitted that still has tasks queued or running.
     * @throws IOException when scancel refuses
     */
    public void cancelAll() throws IOException {
        for (String job : submittedJobs()) {
            if (SlurmClient.tasks(job).values().stream().anyMatch(t -> t.pending() || t.running())) {
                SlurmClient.cancel(job);
            }
        }
    }

    /**
     * The sweep folder this executor trains.
     * @return the folder
     */
    public Path sweep() {
        return sweep;
    }

    /**
     * The ids of the arrays submitted for this sweep, oldest first.
     * @return the ids
     * @throws IOException when the list cannot be read
     */
    public List<String> submittedJobs() throws IOException {
        Path file = sweep.resolve(JOBS);
        return Files.isRegularFile(file)
                ? Files.readAllLines(file).stream().map(String::strip).filter(l -> l.matches("\\d+")).toList() : List.of();
    }

    /** Trials of {@code jobs} that a task of an earlier submission still holds: array index to job id. */
    private Map<Integer, String> liveTasks(Map<Integer, Sweeps.TrialJob> jobs) throws IOException {
        Map<Integer, String> live = new HashMap<>();
        for (String job : submittedJobs()) {
            SlurmClient.tasks(job).values().stream()
                    .filter(t -> (t.pending() || t.running()) && jobs.containsKey(t.index()))
                    .forEach(t -> live.put(t.index(), job));
        }
        return live;
    }

    private String submit(Map<Integer, SlurmScript.Task> tasks) throws IOException {
        if (sweep.toAbsolutePath().toString().matches("(?s).*[\"\\n\\r].*")) {
            throw new IOException(Messages.get("slurm.badFolderName", sweep));
        }
        Files.createDirectories(sweep.resolve(SlurmScript.LOGS));
        Path script = sweep.resolve(SlurmScript.FILE);
        AtomicFiles.writeString(script, SlurmScript.text(sweep, launcher, Path.of("").toAbsolutePath(), tasks, options));
        String id = SlurmClient.submit(script);
        Files.writeString(sweep.resolve(JOBS), id + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        progress.accept(Messages.get("slurm.submitted", id, SlurmScript.array(tasks.keySet().stream().sorted().toList(),
                options.maxParallel()), script));
        return id;
    }

    /** Polls until every followed task has ended (or following stops); then names the failed ones. */
    private void follow(Map<Integer, String> tasks, Map<Integer, Sweeps.TrialJob> jobs) throws IOException {
        Map<Integer, String> left = new HashMap<>(tasks);
        List<String> failures = new ArrayList<>();
        int done = 0;
        String last = null;
        while (!left.isEmpty() && !stopped.getAsBoolean()) {
            Map<String, Map<Integer, SlurmClient.TaskState>> states = new HashMap<>();
            for (String job : new ArrayList<>(left.values())) {
                if (!states.containsKey(job)) {
                    states.put(job, SlurmClient.tasks(job));
                }
            }
            int pending = 0;
            int running = 0;
            for (Map.Entry<Integer, String> e : new ArrayList<>(left.entrySet())) {
                SlurmClient.TaskState state = states.get(e.getValue()).get(e.getKey());
                if (state != null && state.pending()) {
                    pending++;
                } else if (state != null && state.running()) {
                    running++;
                } else {
                    left.remove(e.getKey());
                    Sweeps.TrialJob job = jobs.get(e.getKey());
                    boolean completed = state == null ? Sweeps.finished(job) : state.state().equals("COMPLETED");
                    if (completed) {
                        done++;
                    } else {
                        String line = Messages.get("slurm.taskFailed", job.trial().name(), e.getKey(), e.getValue(),
                                state == null ? Messages.get("slurm.gone") : state.state(), logOf(job, e.getKey()));
                        failures.add(line);
                        warnings.accept(line);
                    }
                }
            }
            String line = Messages.get("slurm.progress", pending, running, done, failures.size());
            if (!line.equals(last)) {
                progress.accept(line);
                last = line;
            }
            if (!left.isEmpty()) {
                pause();
            }
        }
        if (!failures.isEmpty()) {
            throw new IOException(Messages.get("slurm.failed", failures.size(), tasks.size(), sweep));
        }
    }

    /** The trial's own log, or Slurm's for the task when the trial never started. */
    private Path logOf(Sweeps.TrialJob job, int index) {
        Path trialLog = job.trialDir().resolve(Sweeps.TRIAL_LOG);
        return Files.isRegularFile(trialLog) ? trialLog : sweep.resolve(SlurmScript.LOGS).resolve("task-" + index + ".out");
    }

    private void pause() throws IOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(Messages.get("sweep.interrupted"), e);
        }
    }
}
