package mnistlab.cli;

import mnistlab.i18n.Messages;
import mnistlab.run.SlurmOptions;
import picocli.CommandLine.Option;

/** bin/mnist-run's choice of where a sweep's or repeats' trainings run, and what a Slurm task asks for. */
final class ExecutorOptions {
    /** Where the trainings run. */
    enum Kind { local, slurm }

    @Option(descriptionKey = "help.run.executor", names = "--executor", paramLabel = "local|slurm",
            description = "where a sweep's or repeats' trainings run: here (default), or as one Slurm job array")
    Kind kind = Kind.local;

    @Option(descriptionKey = "help.run.partition", names = "--partition", paramLabel = "P",
            description = "with --executor slurm: the partition (default: the cluster's)")
    String partition;

    @Option(descriptionKey = "help.run.gpusPerTrial", names = "--gpus-per-trial", paramLabel = "N",
            description = "with --executor slurm: GPUs each trial asks for (--gres=gpu:N)")
    Integer gpusPerTrial;

    @Option(descriptionKey = "help.run.cpusPerTrial", names = "--cpus-per-trial", paramLabel = "N",
            description = "with --executor slurm: CPUs each trial asks for, its libtorch threads (default: 1)")
    Integer cpusPerTrial;

    @Option(descriptionKey = "help.run.maxParallel", names = "--max-parallel", paramLabel = "K",
            description = "with --executor slurm: trials running at a time (--array=…%%K; default: no limit)")
    Integer maxParallel;

    @Option(descriptionKey = "help.run.time", names = "--time", paramLabel = "HH:MM:SS",
            description = "with --executor slurm: each trial's time limit (default: the partition's)")
    String time;

    @Option(descriptionKey = "help.run.detach", names = "--detach",
            description = "with --executor slurm: Ctrl-C leaves the job array running without asking")
    boolean detach;

    /**
     * The Slurm task's options, or null for the local executor.
     * @return the options
     * @throws IllegalArgumentException for a Slurm option without {@code --executor slurm}, or a bad value
     */
    SlurmOptions slurm() {
        boolean slurmOnly = partition != null || gpusPerTrial != null || cpusPerTrial != null || maxParallel != null
                || time != null || detach;
        if (kind == Kind.local) {
            if (slurmOnly) {
                throw new IllegalArgumentException(Messages.get("run.slurmOptionNeedsSlurm"));
            }
            return null;
        }
        return new SlurmOptions(partition, gpusPerTrial, cpusPerTrial, maxParallel, time, detach);
    }
}
