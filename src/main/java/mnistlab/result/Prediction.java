package mnistlab.result;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** The model's answer for one image: the most probable class and every class's softmax probability. */
public record Prediction(int label, float[] probabilities, List<String> classNames) {

    /** @return the predicted class's probability */
    public float confidence() {
        return probabilities[label];
    }

    /**
     * The k most probable classes, most probable first.
     * @param k how many
     * @return the classes, most probable first
     */
    public int[] topK(int k) {
        return IntStream.range(0, probabilities.length).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> probabilities[c]).reversed())
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String toString() {
        return "Prediction[" + classNames.get(label) + " (" + label + ") p=" + probabilities[label]
                + ", probabilities=" + Arrays.toString(probabilities) + "]";
    }
}
