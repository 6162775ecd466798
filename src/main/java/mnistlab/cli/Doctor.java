package mnistlab.cli;

import ai.djl.engine.Engine;
import mnistlab.data.Datasets;
import mnistlab.data.DatasetInfo;
import mnistlab.data.MnistData;
import mnistlab.i18n.Messages;
import mnistlab.plot.Fonts;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The checks bin/mnist-doctor runs: why DJL will or will not train here, and what to do. Most
 * problems DJL users meet are native-library ones (a libtorch of another version, a CUDA build
 * that does not match the driver, an offline machine that would need a download), so those come
 * first, each with a one-line fix.
 */
final class Doctor {
    /** DJL 0.36's JNI is built for this libtorch. */
    static final String LIBTORCH = "2.7.1";

    enum Status { OK, WARN, FAIL }

    /** One finding: what was looked at, how it stands, what was seen, and what to do (empty when nothing). */
    record Check(String name, Status status, String detail, String fix) {
    }

    private final Map<String, String> env;
    private final Path dataRoot;

    Doctor(Map<String, String> env, Path dataRoot) {
        this.env = env;
        this.dataRoot = dataRoot;
    }

    /** Every check, in the order a reader fixes them. */
    List<Check> run() {
        List<Check> checks = new ArrayList<>(List.of(java(), cpu()));
        Check libtorch = libtorch();
        checks.add(libtorch);
        checks.add(libtorch.status() == Status.FAIL ? new Check("libtorch loads", Status.FAIL, Messages.get("doctor.notTried"),
                libtorch.fix()) : loads());
        checks.add(gpu());
        checks.addAll(data());
        checks.add(fonts());
        checks.add(chromium());
        return checks;
    }

    /** Training runs when Java, libtorch and its loading pass. */
    static boolean trainingWouldRun(List<Check> checks) {
        return checks.stream().noneMatch(c -> c.status() == Status.FAIL && Set.of("java", "libtorch", "libtorch loads")
                .contains(c.name()));
    }

    private static Check java() {
        Runtime.Version v = Runtime.version();
        long heap = Runtime.getRuntime().maxMemory() >> 20;
        String detail = Messages.get("doctor.java", v, System.getProperty("java.vendor"), heap);
        if (v.feature() < 17) {
            return new Check("java", Status.FAIL, detail, Messages.get("doctor.javaFix"));
        }
        return heap < 700 ? new Check("java", Status.WARN, detail, Messages.get("doctor.heapFix"))
                : new Check("java", Status.OK, detail, "");
    }

    private static Check cpu() {
        String os = System.getProperty("os.name") + " " + System.getProperty("os.arch");
        String model = "";
        Set<String> extensions = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (model.isEmpty() && line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).strip();
                }
                if (extensions.isEmpty() && line.startsWith("flags")) {
                    for (String flag : line.substring(line.indexOf(':') + 1).strip().split(" ")) {
                        if (Set.of("avx2", "avx512f", "avx512_bf16", "avx512_vnni", "amx_tile", "fma").contains(flag)) {
                            extensions.add(flag);
                        }
                    }
                }
            }
        } catch (IOException e) {
            model = Messages.get("doctor.noCpuinfo");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        String detail = extensions.isEmpty() ? Messages.get("doctor.cpu", os, cores, model)
                : Messages.get("doctor.cpuExtensions", os, cores, model, String.join(" ", extensions));
        boolean linuxX64 = System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64");
        return linuxX64 ? new Check("cpu", Status.OK, detail, "") : new Check("cpu", Status.WARN, detail,
                Messages.get("doctor.cpuFix"));
    }

    /** Which libtorch DJL would load, from where, and whether it is the version DJL 0.36 is built for. */
    Check libtorch() {
        String dir = env.get("PYTORCH_LIBRARY_PATH");
        if (dir != null && !dir.isBlank()) {
            String version = versionIn(Path.of(dir));
            String detail = version == null ? Messages.get("doctor.pathNoVersion", dir) : Messages.get("doctor.path", dir, version);
            if (version != null && !version.startsWith("2.7.")) {
                return new Check("libtorch", Status.FAIL, Messages.get("doctor.wrongVersion", detail, LIBTORCH),
                        Messages.get("doctor.wrongVersionFix", LIBTORCH));
            }
            return new Check("libtorch", version == null ? Status.WARN : Status.OK, detail, version == null
                    ? Messages.get("doctor.unknownVersionFix", LIBTORCH) : "");
        }
        URL packaged = Doctor.class.getClassLoader().getResource("native/lib/pytorch.properties");
        if (packaged != null) { // DJL's own marker of a native jar on the class path
            String jar = packaged.getPath().replaceAll("!.*", "").replaceAll(".*/", "");
            return new Check("libtorch", Status.OK, Messages.get("doctor.packaged", jar), "");
        }
        Path cache = Path.of(env.getOrDefault("DJL_CACHE_DIR", System.getProperty("user.home") + "/.djl.ai")).resolve("pytorch");
        List<String> cached = new ArrayList<>();
        try (Stream<Path> entries = Files.list(cache)) {
            entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(LIBTORCH)).forEach(cached::add);
        } catch (IOException e) {
            // no cache yet
        }
        if (!cached.isEmpty()) {
            return new Check("libtorch", Status.OK, Messages.get("doctor.cached", cache, String.join(", ", cached)), "");
        }
        boolean offline = Boolean.getBoolean("ai.djl.offline");
        return offline ? new Check("libtorch", Status.FAIL, Messages.get("doctor.offline"), Messages.get("doctor.offlineFix"))
                : new Check("libtorch", Status.WARN, Messages.get("doctor.download"), Messages.get("doctor.downloadFix", LIBTORCH));
    }

    /** The version a libtorch folder records (libtorch's build-version, or a pip install's version.py); null if none. */
    static String versionIn(Path lib) {
        try {
            Path build = lib.resolve("../build-version");
            if (Files.isRegularFile(build)) {
                return Files.readAllLines(build).get(0).strip();
            }
            Path py = lib.resolve("../version.py");
            if (Files.isRegularFile(py)) {
                Matcher m = Pattern.compile("__version__\\s*=\\s*['\"]([^'\"]+)['\"]").matcher(Files.readString(py));
                return m.find() ? m.group(1) : null;
            }
        } catch (IOException | IndexOutOfBoundsException e) {
            return null;
        }
        return null;
    }

    private static Check loads() {
        try {
            Engine engine = Engine.getEngine("PyTorch");
            return new Check("libtorch loads", Status.OK, Messages.get("doctor.loaded", engine.getVersion(), Engine.getDjlVersion(),
                    engine.getGpuCount()), "");
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return new Check("libtorch loads", Status.FAIL, String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                    Messages.get("doctor.loadFix"));
        }
    }

    /** The driver's CUDA version against the CUDA builds of PyTorch 2.7.1 (11.8, 12.6, 12.8). */
    private static Check gpu() {
        String smi = output("nvidia-smi");
        if (smi == null) {
            return new Check("gpu", Status.OK, Messages.get("doctor.noGpu"), "");
        }
        Matcher cuda = Pattern.compile("CUDA Version:\\s*(\\d+)\\.(\\d+)").matcher(smi);
        Matcher driver = Pattern.compile("Driver Version:\\s*([\\d.]+)").matcher(smi);
        String gpus = String.valueOf(output("nvidia-smi", "-L")).strip().replace('\n', ';');
        if (!cuda.find()) {
            return new Check("gpu", Status.WARN, Messages.get("doctor.noCuda", gpus), Messages.get("doctor.noCudaFix"));
        }
        int version = Integer.parseInt(cuda.group(1)) * 10 + Integer.parseInt(cuda.group(2));
        String detail = Messages.get("doctor.gpus", gpus, driver.find() ? driver.group(1) : "?", cuda.group(1) + "." + cuda.group(2));
        if (version < 118) {
            return new Check("gpu", Status.FAIL, Messages.get("doctor.oldCuda", detail, LIBTORCH), Messages.get("doctor.oldCudaFix"));
        }
        String flavour = version >= 128 ? "cu128" : version >= 126 ? "cu126" : "cu118";
        return new Check("gpu", Status.OK, Messages.get("doctor.cudaFlavour", detail, LIBTORCH, flavour), "");
    }

    private List<Check> data() {
        List<Check> checks = new ArrayList<>();
        for (DatasetInfo info : Datasets.all()) {
            try {
                List<String> problems = MnistData.verify(info, dataRoot);
                checks.add(problems.isEmpty() ? new Check("data " + info.name(), Status.OK, Messages.get("doctor.dataVerified",
                        dataRoot.resolve(info.name())), "") : new Check("data " + info.name(), Status.WARN,
                        Messages.get("doctor.dataMissing", problems.size(), dataRoot.resolve(info.name())),
                        Messages.get("doctor.dataFix", info.name(), dataRoot)));
            } catch (IOException e) {
                checks.add(new Check("data " + info.name(), Status.WARN, e.getMessage(), Messages.get("doctor.checkRoot", dataRoot)));
            }
        }
        return checks;
    }

    private static Check fonts() {
        List<String> warnings = new ArrayList<>();
        String family = Fonts.family(null, List.of("训练集部分数据"), warnings::add);
        return warnings.isEmpty() ? new Check("fonts", Status.OK, Messages.get("doctor.font", family), "")
                : new Check("fonts", Status.WARN, Messages.get("doctor.noFont"), Messages.get("doctor.noFontFix"));
    }

    private static Check chromium() {
        boolean browser = Files.isExecutable(Path.of("/usr/bin/chromium"));
        boolean driver = Files.isExecutable(Path.of("/usr/bin/chromedriver"));
        String missing = browser ? "chromedriver" : driver ? "chromium" : "chromium chromedriver";
        return browser && driver ? new Check("chromium", Status.OK, Messages.get("doctor.chromium"), "")
                : new Check("chromium", Status.WARN, Messages.get("doctor.noChromium", missing), Messages.get("doctor.chromiumFix"));
    }

    /** A command's output, or null when it cannot run or fails within 10 s. */
    private static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String label(Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
