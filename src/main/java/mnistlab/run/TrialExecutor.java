package mnistlab.run;

import mnistlab.engine.Devices;
import mnistlab.engine.Experiment;
import mnistlab.i18n.Messages;
import mnistlab.result.TrainingListener;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a sweep's trials, which are independent of each other: one after another in this JVM,
 * several at a time as child processes, or as the tasks of one Slurm job array
 * ({@link SlurmExecutor}), each running the same command a child process runs. Another cluster's
 * executor plugs in here the same way (docs/experiments.md).
 */
public interface TrialExecutor {

    /**
     * Trains every job, returning when all have ended; a failed trial is reported after the rest ran.
     * @param jobs the trials to train
     * @throws IOException naming a failed trial
     */
    void runAll(List<Sweeps.TrialJob> jobs) throws IOException;

    /**
     * One trial after another in this JVM; {@code current} hears of each experiment (to cancel it
     * on Ctrl-C), and once {@code stopped} says so no further trial starts.
     * @param progress hears of every batch, record and epoch
     * @param current hears of each experiment before it trains
     * @param stopped says when to stop starting trials
     * @param warnings hears of what could not be drawn as asked
     * @return the executor
     */
    static TrialExecutor inProcess(TrainingListener progress, Consumer<Experiment> current, BooleanSupplier stopped,
                                   Consumer<String> warnings) {
        return jobs -> {
            for (Sweeps.TrialJob job : jobs) {
                if (stopped.getAsBoolean()) {
                    return;
                }
                Sweeps.train(job, progress, current, stopped, warnings);
            }
        };
    }

    /**
     * {@code workers} trials at a time, each a child JVM running bin/mnist-run's command for one
     * trial ({@code arguments}), its output in the trial's folder (trial.log). DJL's PyTorch engine
     * trains one model at a time per process, hence processes. With several GPUs each trial gets
     * one of its own; on the CPU each child gets an equal share of the cores (OMP_NUM_THREADS).
     * @param workers trials at a time, at least 1
     * @param arguments bin/mnist-run's arguments for a trial
     * @return the executor
     * @throws IllegalArgumentException for fewer than one worker
     */
    static TrialExecutor processes(int workers, Function<Sweeps.TrialJob, List<String>> arguments) {
        if (workers < 1) {
            throw new IllegalArgumentException(Messages.get("sweep.workers", workers));
        }
        return jobs -> {
            int gpus = Devices.gpuCount();
            BlockingQueue<String> freeGpus = new LinkedBlockingQueue<>();
            for (int g = 0; gpus > 1 && g < gpus; g++) {
                freeGpus.add("gpu:" + g);
            }
            int parallel = gpus > 1 ? Math.min(workers, gpus) : workers;
            int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
            ExecutorService pool = Executors.newFixedThreadPool(parallel);
            List<Future<?>> running = new ArrayList<>();
            for (Sweeps.TrialJob job : jobs) {
                running.add(pool.submit(() -> {
                    String gpu = gpus > 1 ? freeGpus.take() : null;
                    try {
                        List<String> command = new ArrayList<>(javaCommand());
                        command.addAll(arguments.apply(job));
                        if (gpu != null) {
                            command.addAll(List.of("--device", gpu));
                        }
                        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                                .redirectOutput(job.trialDir().resolve(Sweeps.TRIAL_LOG).toFile());
                        if (gpu == null) {
                            builder.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
                        }
                        int exit = builder.start().waitFor();
                        if (exit != 0) {
                            throw new IOException(Messages.get("sweep.trialFailed", job.trial().name(), exit, job.trialDir().resolve(Sweeps.TRIAL_LOG)));
                        }
                    } finally {
                        if (gpu != null) {
                            freeGpus.add(gpu);
                        }
                    }
                    return null;
                }));
            }
            pool.shutdown();
            IOException first = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof IOException io ? io : new IOException(e.getCause().toString(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(Messages.get("sweep.interrupted"), e);
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }

    /** This JVM's own java, options and class path, to start another like it. */
    private static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "mnistlab.cli.RunCommand"));
        return command;
    }
}
