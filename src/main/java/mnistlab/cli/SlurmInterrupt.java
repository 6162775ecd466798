package mnistlab.cli;

import mnistlab.i18n.Messages;
import mnistlab.run.SlurmExecutor;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Ctrl-C while a sweep's Slurm array runs: its tasks live on the cluster, not in this process, so
 * stopping to follow them need not stop them. On a terminal the user is asked whether to cancel
 * (scancel) the array; with {@code --detach}, or with no terminal to ask on, it keeps running and
 * {@code --resume} follows it again.
 */
final class SlurmInterrupt {
    private SlurmInterrupt() {
    }

    static void decide(SlurmExecutor array, boolean detach, PrintWriter stderr) {
        try {
            String jobs = String.join(", ", array.submittedJobs());
            if (jobs.isEmpty()) {
                return;
            }
            Console console = System.console();
            String answer = detach || console == null ? null
                    : console.readLine(Messages.get("slurm.askCancel", jobs));
            if (answer != null && answer.strip().toLowerCase(Locale.ROOT).matches("y|yes|是")) {
                array.cancelAll();
                stderr.println(Messages.get("slurm.cancelled", jobs));
            } else {
                stderr.println(Messages.get("slurm.leftRunning", jobs, array.sweep()));
            }
        } catch (IOException e) {
            stderr.println(Messages.get("cli.warning", e.getMessage()));
        }
        stderr.flush();
    }
}
