package mnistlab.cli;

import mnistlab.TestData;
import mnistlab.engine.ConsoleProgress;
import mnistlab.i18n.Messages;
import mnistlab.result.EpochMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --lang zh}: the command's own lines, the DSL's located errors and the progress lines in Chinese. */
class ChineseTest {
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    @TempDir
    Path tmp;

    @AfterEach
    void backToEnglish() {
        Messages.use(Messages.ENGLISH);
    }

    private static Invocation mnistRun(String... args) {
        return Invocation.of(RunCommand.commandLine(), args);
    }

    private static String quickstart() {
        return TestData.projectDir().resolve("examples/quickstart.groovy").toString();
    }

    @Test
    void aValidScriptIsReportedInChinese() {
        Invocation r = mnistRun("--lang", "zh", quickstart(), "--dry-run");
        assertEquals(0, r.exit());
        assertEquals("实验 quickstart（mnist）", r.out().lines().findFirst().orElseThrow());
        assertEquals("试运行：" + quickstart() + " 有效", r.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void scriptErrorsKeepTheirPlaceAndSpeakChinese() throws IOException {
        Path script = Files.writeString(tmp.resolve("bad.groovy"), Files.readString(Path.of(quickstart()))
                .replace("batchSize 64", "batchSize 64\n    epoks 3"));
        Invocation r = mnistRun("--lang", "zh", script.toString(), "--dry-run");
        assertEquals(2, r.exit());
        assertEquals(script + ":24:5: train { } 中的未知关键字 'epoks'（是不是想写 'epochs'？）", r.err());

        Files.writeString(script, Files.readString(Path.of(quickstart())).replace("epochs 2", "epochs 0"));
        assertEquals(new Invocation(2, "", script + ":22:5: epochs 必须为正，而不是 0"),
                mnistRun("--lang", "zh", script.toString(), "--dry-run"));
        assertEquals(new Invocation(2, "", "--set train.batchSize=0: batchSize 必须为正，而不是 0"),
                mnistRun("--lang", "zh", quickstart(), "--dry-run", "--set", "train.batchSize=0"));
    }

    @Test
    void theCommandsOwnChecksSpeakChineseToo() {
        assertEquals(new Invocation(2, "", "Invalid value for option '--lang': unknown language 'fr': use en or zh"),
                withoutUsage(mnistRun("--lang", "fr", quickstart())));
        assertEquals(new Invocation(2, "", "--resume 与 --eval 不能同时使用"),
                withoutUsage(mnistRun("--lang", "zh", "--resume", "a", "--eval", "b")));
    }

    @Test
    void progressLinesInChinese() {
        Messages.use(Messages.CHINESE);
        StringWriter text = new StringWriter();
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(text, true), false);
        progress.onStart("cpu()", 1, 10, 600, 100);
        progress.onEpoch(new EpochMetrics(1, 0.1234f, 0.9612f, 0.9843f, 41.2, 1456, 5e-4f, Float.NaN, Float.NaN));
        assertEquals("""
                在 cpu() 上训练：第 1-10 轮，每轮 600 批，每批 100 张
                第 1/10 轮：损失 0.1234，训练准确率 96.12%，测试准确率 98.43%，41.2 秒，1456 张/秒
                """, text.toString());
    }

    /** Every command's --help, its subcommands' too, has a Chinese line for each option and parameter. */
    @Test
    void usageHelpInChinese() {
        List<String> untranslated = new ArrayList<>();
        for (Object command : List.of(new RunCommand(), new DataCommand(), new PredictCommand(), new ServeCommand(),
                new ReplCommand(), new DoctorCommand(), new BenchCommand())) {
            CommandLine cl = CommandLines.oneLineErrors(command, "test");
            StringWriter help = new StringWriter();
            cl.setOut(new PrintWriter(help, true));
            assertEquals(0, cl.execute("--lang", "zh", "--help"));
            assertTrue(help.toString().startsWith("用法："), help.toString());
            untranslated.addAll(untranslated(cl.getCommandSpec()));
        }
        assertEquals(List.of(), untranslated);
    }

    private static List<String> untranslated(CommandSpec spec) {
        List<String> out = new ArrayList<>();
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            String text = String.join(" ", arg.description());
            if (!arg.hidden() && !HAN.matcher(text).find()) {
                out.add(spec.qualifiedName() + " " + arg.paramLabel() + ": " + text);
            }
        }
        if (!HAN.matcher(String.join(" ", spec.usageMessage().description())).find()) {
            out.add(spec.qualifiedName() + ": " + String.join(" ", spec.usageMessage().description()));
        }
        spec.subcommands().values().forEach(sub -> out.addAll(untranslated(sub.getCommandSpec())));
        return out;
    }

    /** picocli follows a usage error with the usage; the first line is the error. */
    private static Invocation withoutUsage(Invocation r) {
        return new Invocation(r.exit(), r.out(), r.err().lines().findFirst().orElse(""));
    }
}
