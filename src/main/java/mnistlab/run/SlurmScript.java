package mnistlab.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * The batch script of one submission: a job array whose task {@code $SLURM_ARRAY_TASK_ID} runs the
 * trial of that plan index through the project's own launcher, in the folder the sweep was started
 * from (so relative paths mean what they meant there), its output in the trial's trial.log.
 */
final class SlurmScript {
    /** The batch script's file in a sweep folder, rewritten by each submission. */
    static final String FILE = "sweep.sbatch";
    /** Where Slurm writes each task's own output (its messages about the task). */
    static final String LOGS = "slurm";

    private SlurmScript() {
    }

    /**
     * The script's text.
     * @param sweep the sweep folder
     * @param launcher bin/mnist-run
     * @param workingDir where the trials' relative paths start
     * @param tasks array index to the trial's folder name and its bin/mnist-run arguments
     * @param options what each task asks for
     * @return the script
     */
    static String text(Path sweep, Path launcher, Path workingDir, Map<Integer, Task> tasks, SlurmOptions options) {
        StringBuilder s = new StringBuilder("#!/bin/bash\n");
        s.append("# written by mnist-lab: one array task per trial of ").append(sweep.resolve(Sweeps.PLAN)).append('\n');
        s.append("#SBATCH --job-name=").append(jobName(sweep)).append('\n');
        s.append("#SBATCH --array=").append(array(tasks.keySet().stream().sorted().toList(), options.maxParallel()))
                .append('\n');
        s.append("#SBATCH --output=\"").append(sweep.toAbsolutePath().resolve(LOGS)).append("/task-%a.out\"\n");
        s.append("#SBATCH --cpus-per-task=").append(options.cpusPerTrial() == null ? 1 : options.cpusPerTrial()).append('\n');
        if (options.gpusPerTrial() != null && options.gpusPerTrial() > 0) {
            s.append("#SBATCH --gres=gpu:").append(options.gpusPerTrial()).append('\n');
        }
        if (options.partition() != null) {
            s.append("#SBATCH --partition=").append(options.partition()).append('\n');
        }
        if (options.time() != null) {
            s.append("#SBATCH --time=").append(options.time()).append('\n');
        }
        s.append("set -euo pipefail\n");
        s.append("cd ").append(quote(workingDir.toString())).append('\n');
        s.append("# libtorch's threads: the CPUs Slurm gave this task\n");
        s.append("export OMP_NUM_THREADS=\"${SLURM_CPUS_PER_TASK:-1}\"\n");
        s.append("case \"$SLURM_ARRAY_TASK_ID\" in\n");
        tasks.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            s.append("  ").append(e.getKey()).append(") trial=").append(quote(e.getValue().trialDir().toString()))
                    .append("\n     args=(").append(e.getValue().arguments().stream().map(SlurmScript::quote)
                            .collect(Collectors.joining(" "))).append(") ;;\n");
        });
        s.append("  *) echo \"mnist-lab: no trial for array task $SLURM_ARRAY_TASK_ID\" >&2; exit 2 ;;\n");
        s.append("esac\n");
        s.append("exec ").append(quote(launcher.toString())).append(" \"${args[@]}\" > \"$trial/").append(Sweeps.TRIAL_LOG).append("\" 2>&1\n");
        return s.toString();
    }

    /** One task: the trial's folder and bin/mnist-run's arguments for it. */
    record Task(Path trialDir, List<String> arguments) {
        Task {
            arguments = List.copyOf(arguments);
        }
    }

    /** Slurm's --array value: the indices, runs of consecutive ones as ranges, then %K. */
    static String array(List<Integer> sorted, Integer maxParallel) {
        StringJoiner ranges = new StringJoiner(",");
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            ranges.add(i == j ? sorted.get(i).toString() : sorted.get(i) + "-" + sorted.get(j));
            i = j + 1;
        }
        return ranges + (maxParallel == null ? "" : "%" + maxParallel);
    }

    /** One word for bash whatever it holds: single quotes, each ' written as '\''. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String jobName(Path sweep) {
        String name = sweep.getFileName().toString().replaceAll("[^A-Za-z0-9_.-]", "_");
        return "mnist-lab-" + (name.length() > 60 ? name.substring(0, 60) : name);
    }
}
