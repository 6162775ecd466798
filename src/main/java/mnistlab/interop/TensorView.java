package mnistlab.interop;

import mnistlab.i18n.Messages;

/**
 * A tensor as a {@code .pth} pickle describes it: a strided view of a storage that lies in the
 * zip's {@code data/} folder. Made only through {@link #of}, which checks that every element
 * lies inside the storage and that it is no bigger than a model may be.
 *
 * @param storage the storage it views
 * @param offset  its first element's index in the storage
 * @param size    its shape
 * @param stride  each dimension's step in the storage
 */
record TensorView(Storage storage, long offset, long[] size, long[] stride) {
    /** The largest tensor read: the model limit (Networks' 100 million parameters). */
    static final long MAX_ELEMENTS = 100_000_000L;

    /**
     * A storage named by a persistent id.
     * @param key      its entry is {@code data/<key>}
     * @param type     its element type
     * @param elements its length in elements
     */
    record Storage(String key, StorageType type, long elements) {
    }

    static TensorView of(Storage storage, long offset, long[] size, long[] stride, String where) throws InteropException {
        if (size.length != stride.length || offset < 0) {
            throw new InteropException(Messages.get("interop.pickleView", where, Tensor.describe(size), Tensor.describe(stride), offset));
        }
        long last = offset;
        long elements = 1;
        for (int i = 0; i < size.length; i++) {
            if (size[i] < 0 || stride[i] < 0 || stride[i] > MAX_ELEMENTS) {
                throw new InteropException(Messages.get("interop.pickleView", where, Tensor.describe(size), Tensor.describe(stride), offset));
            }
            if (size[i] > MAX_ELEMENTS || (elements *= size[i]) > MAX_ELEMENTS) {
                throw new InteropException(Messages.get("interop.tooLarge", where, Tensor.describe(size), MAX_ELEMENTS));
            }
            last += size[i] == 0 ? 0 : (size[i] - 1) * stride[i];
        }
        if (elements > 0 && (offset > MAX_ELEMENTS || last >= storage.elements())) {
            throw new InteropException(Messages.get("interop.outsideStorage", where, Tensor.describe(size), storage.key(), storage.elements()));
        }
        return new TensorView(storage, offset, size, stride);
    }

    /** @return its number of elements */
    long elements() {
        return Tensor.elements(size);
    }
}
