package mnistlab.serve;

import mnistlab.TestData;
import mnistlab.data.ImageFiles;
import mnistlab.engine.Classifier;
import mnistlab.engine.Experiment;
import mnistlab.engine.spec.ExperimentSpec;
import mnistlab.result.TrainingResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page in a real browser: headless Chromium driven by Selenium through Debian's chromedriver
 * (bin/mnist-setup installs both). A person's gestures: reading the runs, drawing digits with the
 * pointer, exploring the confusion matrix.
 */
class ServePageTest {
    @TempDir
    static Path tmp;
    private static LabServer server;
    private static Path run;
    private static WebDriver browser;
    private static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        run = TrainedRuns.trainOne(tmp.resolve("runs"));
        server = LabServer.start(tmp.resolve("runs"), "127.0.0.1", 0, new PrintStream(System.err, true));
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + tmp.resolve("profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(server.uri().toString());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        server.close();
    }

    @Test
    void theRunsTableListsTheRunAndDrawsItsCurves() {
        browser.findElement(By.cssSelector("nav button[data-tab='runs']")).click();
        WebElement row = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#runs-table tr[data-run='" + run.getFileName() + "']")));
        assertTrue(row.getText().contains("page") && row.getText().contains("%"), row.getText());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#accuracy-chart canvas")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#loss-chart canvas")));
    }

    @Test
    void drawnDigitsAreRecognisedAsTheEngineRecognisesThem() throws IOException {
        browser.findElement(By.cssSelector("nav button[data-tab='draw']")).click();
        WebElement pad = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("draw-canvas")));
        wait.until(d -> !d.findElements(By.cssSelector("#draw-run option")).isEmpty());

        stroke(pad, new int[][] {{0, -100}, {0, 100}}); // a one
        String one = shownLabel();
        assertEquals("1", one);
        assertEquals(one, engineLabel(), "the page shows what the engine says of the same drawing");
        assertEquals(3, browser.findElements(By.cssSelector("#top3 .bar")).size());
        insideTheNetwork("draw-inspect", one); // follows the drawing: the view of the finished one explains its label

        browser.findElement(By.id("clear")).click();
        stroke(pad, new int[][] {{-80, -90}, {80, -90}, {-10, 110}}); // a seven
        String seven = shownLabel();
        assertEquals(seven, engineLabel(), "the page shows what the engine says of the same drawing");
    }

    @Test
    void aConfusionCellShowsItsTestImages() {
        browser.findElement(By.cssSelector("nav button[data-tab='confusion']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#confusion-table td")).size() == 100);
        WebElement wrong = browser.findElements(By.cssSelector("#confusion-table td")).stream()
                .filter(td -> !td.getAttribute("data-true").equals(td.getAttribute("data-pred")) && !td.getText().isBlank())
                .findFirst().orElseThrow();
        int count = Integer.parseInt(wrong.getText());
        wrong.click();
        wait.until(d -> d.findElements(By.cssSelector("#cell-images figure")).size() == Math.min(count, 100));
        assertTrue(browser.findElement(By.id("cell-title")).getText().contains(count + (count == 1 ? " test image" : " test images")));
        browser.findElement(By.cssSelector("#cell-images figure")).click();
        insideTheNetwork("cell-inspect", wrong.getAttribute("data-pred")); // what the model read it as
    }

    /** The inside view in {@code box}: picture, saliency and Grad-CAM of {@code label}, and the 7 layers' maps or bars. */
    private static void insideTheNetwork(String box, String label) {
        wait.until(d -> "0".equals(d.findElement(By.id(box)).getAttribute("data-pending"))
                && d.findElements(By.cssSelector("#" + box + " .saliency[data-class='" + label + "']")).size() == 1);
        assertEquals(7, browser.findElements(By.cssSelector("#" + box + " .layer")).size());
        assertEquals(8, browser.findElements(By.cssSelector("#" + box + " .layer[data-layer='0'] .maps canvas")).size(),
                "the conv layer's first 8 of 16 maps");
        assertEquals(1, browser.findElements(By.cssSelector("#" + box + " .layer[data-layer='6'] canvas.bars")).size());
        assertEquals(1, browser.findElements(By.cssSelector("#" + box + " .gradcam[data-class='" + label + "'] canvas")).size());
        assertTrue(browser.findElement(By.id(box)).getText().contains("Grad-CAM of " + label + " at layer 1"));
    }

    /** Presses, moves through the points (offsets from the pad's centre) and lets go, as a hand does. */
    private static void stroke(WebElement pad, int[][] points) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById('prediction-label').textContent = '–'");
        Actions hand = new Actions(browser).moveToElement(pad, points[0][0], points[0][1]).clickAndHold();
        for (int i = 1; i < points.length; i++) {
            int steps = 12;
            for (int s = 1; s <= steps; s++) {
                int x = points[i - 1][0] + (points[i][0] - points[i - 1][0]) * s / steps;
                int y = points[i - 1][1] + (points[i][1] - points[i - 1][1]) * s / steps;
                hand.moveToElement(pad, x, y);
            }
        }
        hand.release().perform();
    }

    /** The label shown once the page has the answer to the finished drawing (no request left in flight). */
    private static String shownLabel() {
        wait.until(d -> !d.findElement(By.id("prediction-label")).getText().equals("–")
                && "0".equals(d.findElement(By.id("prediction")).getAttribute("data-pending")));
        return browser.findElement(By.id("prediction-label")).getText();
    }

    private static String engineLabel() throws IOException {
        String url = (String) ((JavascriptExecutor) browser).executeScript(
                "return document.getElementById('draw-canvas').toDataURL('image/png')");
        byte[] png = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
        try (Classifier classifier = Classifier.open(run)) {
            return List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9").get(classifier.predict(ImageFiles.read(png)).label());
        }
    }

    @Test
    void aLiveTrainingIsFollowedUntilItsSecondEpoch() throws Exception {
        ExperimentSpec spec = ExperimentSpec.builder("live").mnist(TestData.mnistRoot()).limits(1000, 200)
                .flatten().linear(32).relu().linear(10)
                .train(t -> t.withEpochs(2).withBatchSize(50).withRecordEvery(5).withDevice("cpu")).build();
        try (Experiment exp = Experiment.create(spec)) {
            LiveTraining live = new LiveTraining(exp::cancel);
            server.follow(live);
            browser.navigate().refresh(); // a page opened before the training follows it after a reload
            CompletableFuture<TrainingResult> training = CompletableFuture.supplyAsync(() -> {
                try {
                    return exp.train(2, live);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("live-tab"))).click();
            wait.until(d -> d.findElements(By.cssSelector("#live-epochs tbody tr")).size() == 2);
            wait.until(d -> "true".equals(d.findElement(By.id("live-status")).getAttribute("data-ended")));
            assertTrue(browser.findElement(By.id("live-status")).getText().startsWith("finished: test accuracy"));
            assertFalse(browser.findElements(By.cssSelector("#live-loss canvas")).isEmpty(), "the loss curve is drawn");
            assertFalse(browser.findElements(By.cssSelector("#live-accuracy canvas")).isEmpty(), "the accuracy curve is drawn");
            training.get(5, TimeUnit.MINUTES);
        }
    }

    @Test
    void thePageHasNoErrors() {
        assertFalse(browser.getPageSource().contains("could not load the runs"));
    }
}
