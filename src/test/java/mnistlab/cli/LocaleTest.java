package mnistlab.cli;

import mnistlab.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The launchers write UTF-8 and open Chinese paths whatever the locale says: under {@code env -i}
 * with {@code LC_ALL=C}, and with a {@code LANG=zh_CN.UTF-8} this machine has not generated (Java
 * alone printed "?????" in both).
 */
class LocaleTest {
    @TempDir
    Path tmp;

    private record Result(int exit, String out, String err) {
    }

    /** Runs a bin/ command with only PATH, HOME and {@code locale} in its environment, as env -i would. */
    private Result run(Map<String, String> locale, String stdin, String command, String... args) throws Exception {
        List<String> line = new ArrayList<>(List.of(TestData.projectDir().resolve("bin").resolve(command).toString()));
        line.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(line);
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", tmp.toString());
        env.putAll(locale);
        Process p = pb.start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return new Result(p.exitValue(), out.strip(), err.strip());
    }

    private Path chineseScript() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("实验"));
        return Files.copy(TestData.projectDir().resolve("examples/quickstart.groovy"), folder.resolve("数字.groovy"));
    }

    @Test
    void underTheCLocaleChineseAndChinesePathsComeThrough() throws Exception {
        Path script = chineseScript();
        Result valid = run(Map.of("LC_ALL", "C"), "", "mnist-run", "--lang", "zh", "--dry-run", script.toString());
        assertEquals(0, valid.exit(), valid.err());
        assertEquals("试运行：" + script + " 有效", valid.out().lines().reduce((a, b) -> b).orElseThrow());

        Path missing = script.resolveSibling("没有.groovy");
        assertEquals(new Result(2, "", missing + ": 文件不存在"),
                run(Map.of("LC_ALL", "C"), "", "mnist-run", "--lang", "zh", "--dry-run", missing.toString()));
    }

    @Test
    void aChineseLocaleTheMachineLacksStillChoosesChinese() throws Exception {
        Path missing = tmp.resolve("没有.groovy");
        assertEquals(new Result(2, "", missing + ": 文件不存在"),
                run(Map.of("LANG", "zh_CN.UTF-8"), "", "mnist-run", "--dry-run", missing.toString()));
        // LC_ALL comes first in POSIX order, and stays first when the launcher replaces it
        assertEquals(new Result(2, "", missing + ": no such file"),
                run(Map.of("LC_ALL", "POSIX", "LANG", "zh_CN.UTF-8"), "", "mnist-run", "--dry-run", missing.toString()));
    }

    @Test
    void theReplsTerminalWritesUtf8() throws Exception {
        Result r = run(Map.of("LANG", "zh_CN.UTF-8"), ":quit\n", "mnist-repl", "--history", tmp.resolve("h").toString());
        assertEquals(0, r.exit(), r.err());
        String banner = r.out().lines().findFirst().orElseThrow();
        assertTrue(banner.startsWith("mnist-repl：默认使用 Groovy"), banner);
    }
}
