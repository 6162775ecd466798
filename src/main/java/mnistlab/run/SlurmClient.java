package mnistlab.run;

import mnistlab.i18n.Messages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Slurm's own client commands (sbatch, squeue, scancel, scontrol), run as a user runs them; they
 * find the cluster as they always do (slurm.conf, or SLURM_CONF). Every failure is one line
 * naming the command and what it said.
 */
final class SlurmClient {
    /** A state of one array task as squeue gives it (%K %T), by array index. */
    record TaskState(int index, String state) {
        boolean pending() {
            return state.equals("PENDING") || state.equals("CONFIGURING") || state.equals("REQUEUED")
                    || state.equals("REQUEUE_HOLD") || state.equals("RESIZING");
        }

        boolean running() {
            return state.equals("RUNNING") || state.equals("COMPLETING") || state.equals("SUSPENDED")
                    || state.equals("STOPPED") || state.equals("SIGNALING") || state.equals("STAGE_OUT");
        }
    }

    private record Output(int exit, String out) {
    }

    private static final long TIMEOUT_SECONDS = 120;

    private SlurmClient() {
    }

    /**
     * Before anything is written: Slurm's commands are on the PATH and the controller answers.
     * @throws IOException saying which is missing
     */
    static void check() throws IOException {
        for (String command : List.of("sbatch", "squeue", "scancel", "scontrol")) {
            if (onPath(command) == null) {
                throw new IOException(Messages.get("slurm.noCommand", command));
            }
        }
        Output ping = run(List.of("scontrol", "ping"));
        if (ping.exit() != 0) {
            throw new IOException(Messages.get("slurm.controllerDown", firstLine(ping.out())));
        }
    }

    /**
     * Submits a batch script; returns the job's id.
     * @throws IOException with sbatch's own words when it refuses
     */
    static String submit(Path script) throws IOException {
        Output out = run(List.of("sbatch", "--parsable", script.toString()));
        String id = firstLine(out.out()).split(";")[0].trim();
        if (out.exit() != 0 || !id.matches("\\d+")) {
            throw new IOException(Messages.get("slurm.submitFailed", script, firstLine(out.out())));
        }
        return id;
    }

    /**
     * The array tasks of {@code job} that the controller still knows, finished ones included
     * (until its MinJobAge passes); an unknown job has none.
     * @throws IOException when squeue cannot ask the controller
     */
    static Map<Integer, TaskState> tasks(String job) throws IOException {
        Output out = run(List.of("squeue", "--noheader", "--array", "--states=all", "--jobs=" + job,
                "--format=%K %T"));
        if (out.exit() != 0) {
            if (out.out().contains("Invalid job id")) {
                return Map.of();
            }
            throw new IOException(Messages.get("slurm.queryFailed", job, firstLine(out.out())));
        }
        Map<Integer, TaskState> tasks = new HashMap<>();
        for (String line : out.out().split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && fields[0].matches("\\d+")) {
                int index = Integer.parseInt(fields[0]);
                tasks.put(index, new TaskState(index, fields[1]));
            }
        }
        return tasks;
    }

    /**
     * Cancels every task of {@code job} still pending or running.
     * @throws IOException when scancel refuses
     */
    static void cancel(String job) throws IOException {
        Output out = run(List.of("scancel", job));
        if (out.exit() != 0) {
            throw new IOException(Messages.get("slurm.cancelFailed", job, firstLine(out.out())));
        }
    }

    private static Output run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try {
            byte[] bytes = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(Messages.get("slurm.timeout", String.join(" ", command), TIMEOUT_SECONDS));
            }
            return new Output(process.exitValue(), new String(bytes, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(Messages.get("sweep.interrupted"), e);
        }
    }

    private static String firstLine(String text) {
        List<String> lines = new ArrayList<>(text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(":")) {
            try {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, command);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            } catch (InvalidPathException ignored) {
                // an entry of PATH that is no folder name
            }
        }
        return null;
    }
}
