package mnistlab.engine.spec;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Java builder gives the same spec a script would, and its values are checked by the records. */
class ExperimentBuilderTest {
    @Test
    void theSeedNetworkReadsAsInTheScript() {
        ExperimentSpec spec = ExperimentSpec.builder("mnist-cnn").mnist(Path.of("data"))
                .conv2d(32, c -> c.kernel(5).padding(2)).relu().maxPool(2)
                .conv2d(64, c -> c.kernel(5).padding(2)).relu().maxPool(2)
                .flatten().linear(1024).relu().linear(10)
                .build();
        assertEquals(ExperimentSpec.seedNetwork(), spec.layers());
        assertEquals(TrainSpec.seedDefaults(), spec.train());
        assertEquals(DatasetSpec.of("mnist", Path.of("data")), spec.dataset());
    }

    @Test
    void valuesAreCheckedByTheRecords() {
        IllegalArgumentException kernel = assertThrows(IllegalArgumentException.class,
                () -> ExperimentSpec.builder("x").mnist(Path.of("data")).conv2d(8, c -> c.padding(1)));
        assertEquals("conv2d kernel must be positive, not 0", kernel.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ExperimentSpec.builder("x").mnist(Path.of("data"))
                .flatten().linear(10).train(t -> t.withBatchSize(0)));
        IllegalStateException noData = assertThrows(IllegalStateException.class,
                () -> ExperimentSpec.builder("x").flatten().linear(10).build());
        assertEquals("no dataset yet: call mnist(root), fashionMnist(root) or dataset(spec) first", noData.getMessage());
        assertEquals(new LayerSpec.Pool(true, 3, 2, 1),
                ExperimentSpec.builder("x").mnist(Path.of("d")).maxPool(3, p -> p.stride(2).padding(1)).flatten().linear(10)
                        .build().layers().get(0));
    }
}
