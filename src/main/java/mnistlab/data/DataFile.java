package mnistlab.data;

/**
 * One file of a dataset: its canonical name (without {@code .gz}), the MD5 of the canonical
 * gzip file and the MD5 of its uncompressed content. The uncompressed MD5 is the authority:
 * a re-compressed copy (Debian's, say) differs in its gzip bytes but not in its content.
 */
public record DataFile(String name, String gzMd5, String rawMd5) {

    /** @return the file's name with .gz, as the mirrors serve it */
    public String gzName() {
        return name + ".gz";
    }
}
