package mnistlab.run;

import mnistlab.i18n.Messages;

import java.util.regex.Pattern;

/**
 * What each trial's Slurm array task asks for; null leaves a value to the site's defaults.
 * @param partition the partition ({@code --partition}), or null for the default one
 * @param gpusPerTrial GPUs per task ({@code --gres=gpu:N}), or null for none
 * @param cpusPerTrial CPUs per task ({@code --cpus-per-task}; the trial's OMP_NUM_THREADS), or null for one
 * @param maxParallel tasks at a time ({@code --array=…%K}), or null for no limit
 * @param time a task's time limit as [D-]HH:MM:SS ({@code --time}), or null for the partition's
 * @param detach Ctrl-C leaves the array running instead of asking whether to cancel it
 */
public record SlurmOptions(String partition, Integer gpusPerTrial, Integer cpusPerTrial, Integer maxParallel,
                           String time, boolean detach) {
    private static final Pattern PARTITION = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern TIME = Pattern.compile("(\\d{1,3}-)?\\d{1,3}:[0-5]\\d:[0-5]\\d");

    /** Defaults everywhere: Slurm's own, and Ctrl-C asks. */
    public static final SlurmOptions DEFAULT = new SlurmOptions(null, null, null, null, null, false);

    /**
     * Checks every value, since each is written into a batch script.
     * @param partition the partition, or null
     * @param gpusPerTrial GPUs per task, or null
     * @param cpusPerTrial CPUs per task, or null
     * @param maxParallel tasks at a time, or null
     * @param time a task's time limit, or null
     * @param detach whether Ctrl-C leaves the array running
     * @throws IllegalArgumentException naming the option and the value
     */
    public SlurmOptions {
        if (partition != null && !PARTITION.matcher(partition).matches()) {
            throw new IllegalArgumentException(Messages.get("slurm.badOption", "--partition", partition));
        }
        if (time != null && !TIME.matcher(time).matches()) {
            throw new IllegalArgumentException(Messages.get("slurm.badTime", time));
        }
        positive("--gpus-per-trial", gpusPerTrial, 0);
        positive("--cpus-per-trial", cpusPerTrial, 1);
        positive("--max-parallel", maxParallel, 1);
    }

    private static void positive(String option, Integer value, int least) {
        if (value != null && (value < least || value > 4096)) {
            throw new IllegalArgumentException(Messages.get("slurm.badCount", option, value, least));
        }
    }
}
