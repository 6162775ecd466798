package mnistlab.serve;

import mnistlab.data.Datasets;
import mnistlab.engine.Classifier;
import mnistlab.engine.IntraOpThreads;
import mnistlab.result.Prediction;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One model's predictions for concurrent requests, in shared forward passes: a single thread
 * takes whatever requests are waiting (up to {@link #MAX_BATCH}) and classifies them together,
 * without waiting for more. One image per pass costs libtorch nearly as much as 32, so under load
 * this multiplies throughput; alone, a request is answered as soon as it comes. That thread runs
 * libtorch's operators on one core: a training may be running in the same process, and a second
 * team of OpenMP threads as wide as the machine took cores from it mid-step (docs/performance.md).
 */
final class PredictionBatcher implements AutoCloseable {
    static final int MAX_BATCH = 64;

    private record Request(float[] pixels, CompletableFuture<Prediction> answer) {
    }

    private final Classifier classifier;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread worker;

    PredictionBatcher(Classifier classifier, String name) {
        this.classifier = classifier;
        this.worker = new Thread(this::work, "mnist-serve predictions " + name);
        worker.setDaemon(true);
        worker.start();
    }

    /** What the model sees of a picture, prepared as the run was trained ({@link Classifier#input}). */
    float[] input(BufferedImage picture) {
        return classifier.input(picture);
    }

    Prediction predict(float[] pixels) throws InterruptedException {
        CompletableFuture<Prediction> answer = new CompletableFuture<>();
        queue.add(new Request(pixels, answer));
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * libtorch prepares its kernels on the first pass of each input shape, which costs that
     * request tens of milliseconds: batches are padded to a power of two, and each of those few
     * shapes is run once before the first request.
     */
    private void warmUp() {
        float[] blank = new float[Datasets.IMAGE_ROWS * Datasets.IMAGE_COLS]; // the size Classifier.input prepares
        try {
            for (int size = 1; size <= MAX_BATCH; size *= 2) {
                classifier.predictAll(Collections.nCopies(size, blank));
            }
        } catch (RuntimeException e) {
            // only a head start: the first request meets the same failure and answers with it
        }
    }

    private static List<float[]> padded(List<float[]> images) {
        int size = Integer.highestOneBit(images.size());
        if (size == images.size()) {
            return images;
        }
        List<float[]> out = new ArrayList<>(images);
        out.addAll(Collections.nCopies(2 * size - images.size(), images.get(0)));
        return out;
    }

    private void work() {
        List<Request> batch = new ArrayList<>(MAX_BATCH);
        try {
            IntraOpThreads.limitCurrentThread(1);
            warmUp();
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                try {
                    List<Prediction> answers = classifier.predictAll(padded(batch.stream().map(Request::pixels).toList()));
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).answer().complete(answers.get(i));
                    }
                } catch (RuntimeException e) {
                    batch.forEach(r -> r.answer().completeExceptionally(e));
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            batch.forEach(r -> r.answer().cancel(false));
            queue.forEach(r -> r.answer().cancel(false));
        }
    }

    /** Stops the worker (pending requests are cancelled) and closes the model. */
    @Override
    public void close() {
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        classifier.close();
    }
}
