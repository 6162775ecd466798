package mnistlab.engine;

import ai.djl.Device;
import ai.djl.Model;
import mnistlab.engine.spec.AugmentSpec;
import mnistlab.engine.spec.TrainSpec;
import mnistlab.result.Evaluation;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * What one training call trains, handed to {@link TrainingLoop} by {@link Experiment} so that the
 * loop never reaches back into the experiment.
 *
 * @param model      the model, on {@code device}
 * @param device     where it trains
 * @param data       the sets on the device, pixels as the model takes them
 * @param images     how many training images there are
 * @param rows       an image's height
 * @param cols       an image's width
 * @param background an empty pixel's value as the model takes it (augmentation fills with it)
 * @param state      the epochs, updates and history so far, which the loop continues
 * @param train      the training spec
 * @param augment    the data set's augmentation
 * @param validation the validation set's evaluation after every epoch, null when none is held out;
 *                   a pending cancel stops it (and {@code test}) with a CancellationException
 * @param test       the test set's evaluation after every epoch
 * @param cancelled  whether a cancel was asked for (checked between batches)
 */
record TrainingRun(Model model, Device device, DeviceData data, int images, int rows, int cols, float background,
                   TrainingState state, TrainSpec train, AugmentSpec augment, Supplier<Evaluation> validation,
                   Supplier<Evaluation> test, BooleanSupplier cancelled) {
}
