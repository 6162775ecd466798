package mnistlab.interop;

import mnistlab.i18n.Messages;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the pickle ({@code data.pkl}) of a {@code torch.save(state_dict)} file without running
 * anything it names. Only the globals such a pickle holds are accepted (an OrderedDict, tensor
 * rebuilding, float storages and BatchNorm's long counter); any other global, and any opcode
 * that builds arbitrary objects, is refused with its name before anything is made of it. Every
 * length is checked against the bytes that are left before it is used.
 * <p>
 * Hand-written rather than net.razorvine:pickle: razorvine turns unknown globals into objects,
 * calls {@code __setstate__} by reflection on whatever BUILD targets, allocates a string's
 * declared length before reading it, and keeps its constructors in a JVM-wide table; restricting
 * it would mean overriding most of its opcodes anyway.
 */
final class StateDictPickle {
    /** A pickle this big is not a state_dict's (the seed's is 1 KB); its tensors live outside it. */
    static final int MAX_BYTES = 16 << 20;

    private static final String ORDERED_DICT = "collections.OrderedDict";
    private static final String REBUILD_TENSOR = "torch._utils._rebuild_tensor_v2";
    private static final String REBUILD_PARAMETER = "torch._utils._rebuild_parameter";
    private static final Set<String> CALLABLES = Set.of(ORDERED_DICT, REBUILD_TENSOR, REBUILD_PARAMETER);
    private static final Pattern STORAGE_CLASS = Pattern.compile("[A-Za-z0-9]{1,24}Storage");

    private record Global(String name) {
    }

    private final ByteBuffer in;
    private final String where;
    private final PickleStack stack = new PickleStack();

    private StateDictPickle(byte[] pickle, String where) {
        this.in = ByteBuffer.wrap(pickle).order(ByteOrder.LITTLE_ENDIAN);
        this.where = where;
    }

    /**
     * The state_dict's tensors by key, in the pickle's order.
     * @param pickle the bytes of data.pkl
     * @param where  the file and entry, for messages
     * @return the tensors as views of storages
     * @throws InteropException naming the refused global or opcode, or what is malformed
     */
    static Map<String, TensorView> read(byte[] pickle, String where) throws InteropException {
        try {
            return new StateDictPickle(pickle, where).run();
        } catch (ClassCastException | IllegalStateException | BufferUnderflowException e) {
            throw new InteropException(Messages.get("interop.pickleMalformed", where), e);
        }
    }

    private Map<String, TensorView> run() throws InteropException {
        while (true) {
            if (!in.hasRemaining()) {
                throw fail("interop.pickleTruncated");
            }
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> in.get(); // PROTO n
                case 0x95 -> take(8); // FRAME: a length hint only
                case '.' -> {
                    return stateDict(stack.pop());
                }
                case '(' -> stack.mark();
                case 'c' -> push(global(line(), line()));
                case 0x93 -> { // STACK_GLOBAL
                    String name = (String) stack.pop();
                    push(global((String) stack.pop(), name));
                }
                case 'N' -> push(PickleStack.NONE);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) (in.get() & 0xff));
                case 'M' -> push((long) (in.getShort() & 0xffff));
                case 'J' -> push((long) in.getInt());
                case 0x8a -> push(long1());
                case 'X' -> push(text(in.getInt() & 0xffffffffL));
                case 0x8c -> push(text(in.get() & 0xff));
                case 0x8d -> push(text(in.getLong()));
                case ')' -> push(List.of());
                case 't' -> push(List.copyOf(stack.sinceMark()));
                case 0x85 -> push(stack.tuple(1));
                case 0x86 -> push(stack.tuple(2));
                case 0x87 -> push(stack.tuple(3));
                case ']' -> push(new ArrayList<>());
                case 'l' -> push(new ArrayList<>(stack.sinceMark()));
                case '}' -> push(new LinkedHashMap<>());
                case 'd' -> push(dict(new LinkedHashMap<>(), stack.sinceMark()));
                case 's' -> {
                    Object value = stack.pop();
                    Object key = stack.pop();
                    dict(stack.peek(), List.of(key, value));
                }
                case 'u' -> {
                    List<Object> items = stack.sinceMark();
                    dict(stack.peek(), items);
                }
                case 'a' -> {
                    Object item = stack.pop();
                    list(stack.peek()).add(item);
                }
                case 'e' -> {
                    List<Object> items = stack.sinceMark();
                    list(stack.peek()).addAll(items);
                }
                case 'q' -> stack.memoize(in.get() & 0xff);
                case 'r' -> stack.memoize(in.getInt() & 0xffffffffL);
                case 0x94 -> stack.memoizeNext();
                case 'h' -> push(stack.recall(in.get() & 0xff));
                case 'j' -> push(stack.recall(in.getInt() & 0xffffffffL));
                case '0' -> stack.pop();
                case '2' -> push(stack.peek());
                case 'Q' -> push(storage(stack.pop()));
                case 'R' -> {
                    Object args = stack.pop();
                    push(reduce(stack.pop(), (List<?>) args));
                }
                case 'b' -> {
                    Object state = stack.pop();
                    build(state, stack.peek());
                }
                default -> throw fail("interop.pickleOpcode", String.format("0x%02x", op), in.position() - 1);
            }
        }
    }

    private Global global(String module, String name) throws InteropException {
        String full = module + "." + name;
        // a storage class is only ever named, in a persistent id; one of integers is refused there, by its tensor
        if (!CALLABLES.contains(full) && !(module.equals("torch") && STORAGE_CLASS.matcher(name).matches())) {
            throw fail("interop.pickleGlobal", full);
        }
        return new Global(full);
    }

    private Object reduce(Object callable, List<?> args) throws InteropException {
        if (!(callable instanceof Global g) || !CALLABLES.contains(g.name())) {
            throw fail("interop.pickleCall", describe(callable));
        }
        switch (g.name()) {
            case ORDERED_DICT -> {
                if (!args.isEmpty()) {
                    throw fail("interop.pickleCall", ORDERED_DICT + " with arguments");
                }
                return new LinkedHashMap<>();
            }
            case REBUILD_PARAMETER -> {
                if (args.isEmpty() || !(args.get(0) instanceof TensorView t)) {
                    throw fail("interop.pickleCall", REBUILD_PARAMETER + " without a tensor");
                }
                return t;
            }
            default -> {
                if (args.size() < 4 || !(args.get(0) instanceof TensorView.Storage s) || !(args.get(1) instanceof Long offset)) {
                    throw fail("interop.pickleCall", REBUILD_TENSOR + " with arguments " + describe(args));
                }
                return TensorView.of(s, offset, dims(args.get(2)), dims(args.get(3)), where);
            }
        }
    }

    /** torch.save's persistent id: ('storage', torch.FloatStorage, key, location, elements). */
    private TensorView.Storage storage(Object pid) throws InteropException {
        if (!(pid instanceof List<?> id) || id.size() != 5 || !"storage".equals(id.get(0))
                || !(id.get(1) instanceof Global type) || !(id.get(2) instanceof String key)
                || !(id.get(4) instanceof Long elements)) {
            throw fail("interop.picklePersistent", describe(pid));
        }
        StorageType storageType = StorageType.ofStorageClass(type.name().substring("torch.".length()));
        if (storageType == null) {
            throw fail("interop.notFloatStorage", type.name());
        }
        if (elements < 0 || elements > TensorView.MAX_ELEMENTS) {
            throw fail("interop.tooLarge", "[" + elements + "]", TensorView.MAX_ELEMENTS);
        }
        return new TensorView.Storage(key, storageType, elements);
    }

    /** BUILD on an OrderedDict sets its attributes (a state_dict's {@code _metadata}): nothing to keep. */
    private void build(Object state, Object target) throws InteropException {
        if (!(target instanceof LinkedHashMap) || !(state instanceof Map)) {
            throw fail("interop.pickleCall", "BUILD of " + describe(target));
        }
    }

    private Map<String, TensorView> stateDict(Object top) throws InteropException {
        if (!(top instanceof Map<?, ?> map)) {
            throw fail("interop.notStateDict", describe(top));
        }
        Map<String, TensorView> tensors = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof TensorView t)) {
                throw fail("interop.notTensor", describe(e.getKey()), describe(e.getValue()));
            }
            tensors.put(key, t);
        }
        return tensors;
    }

    private long[] dims(Object tuple) throws InteropException {
        if (!(tuple instanceof List<?> list) || list.size() > 8) {
            throw fail("interop.pickleCall", REBUILD_TENSOR + " with a size or stride " + describe(tuple));
        }
        long[] dims = new long[list.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(list.get(i) instanceof Long d)) {
                throw fail("interop.pickleCall", REBUILD_TENSOR + " with a size or stride " + describe(tuple));
            }
            dims[i] = d;
        }
        return dims;
    }

    private Object dict(Object target, List<Object> items) throws InteropException {
        if (!(target instanceof Map) || items.size() % 2 != 0) {
            throw fail("interop.pickleCall", "SETITEMS on " + describe(target));
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> map = (Map<Object, Object>) target;
        for (int i = 0; i < items.size(); i += 2) {
            Object key = items.get(i);
            if (!(key instanceof String || key instanceof Long)) {
                throw fail("interop.pickleCall", "a dict key " + describe(key));
            }
            map.put(key, items.get(i + 1));
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object target) throws InteropException {
        if (!(target instanceof ArrayList)) {
            throw fail("interop.pickleCall", "APPEND to " + describe(target));
        }
        return (List<Object>) target;
    }

    private void push(Object o) {
        stack.push(o);
    }

    private byte[] take(long n) throws InteropException {
        if (n < 0 || n > in.remaining()) {
            throw fail("interop.pickleTruncated");
        }
        byte[] b = new byte[(int) n];
        in.get(b);
        return b;
    }

    private String text(long n) throws InteropException {
        return new String(take(n), StandardCharsets.UTF_8);
    }

    /** GLOBAL's module and name, each ended by a newline; 200 bytes are more than any allowed name. */
    private String line() throws InteropException {
        int start = in.position();
        for (int i = start; i < in.limit() && i - start < 200; i++) {
            if (in.get(i) == '\n') {
                byte[] b = new byte[i - start];
                in.get(b);
                in.get();
                return new String(b, StandardCharsets.UTF_8);
            }
        }
        throw fail("interop.pickleTruncated");
    }

    private long long1() throws InteropException {
        int n = in.get() & 0xff;
        byte[] b = take(n);
        if (n > 8) {
            throw fail("interop.tooLarge", "an integer of " + n + " bytes", TensorView.MAX_ELEMENTS);
        }
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return n == 0 || n == 8 ? v : (v << (64 - 8 * n)) >> (64 - 8 * n); // sign-extend
    }

    private static String describe(Object o) {
        if (o == PickleStack.NONE) {
            return "None";
        }
        if (o instanceof Global g) {
            return g.name();
        }
        if (o instanceof TensorView || o instanceof TensorView.Storage) {
            return "a tensor";
        }
        if (o instanceof Collection<?> c && c.size() > 8 || o instanceof Map<?, ?> m && m.size() > 8) {
            return "a collection of " + (o instanceof Map<?, ?> m ? m.size() : ((Collection<?>) o).size()) + " items";
        }
        String s = o instanceof String str ? "'" + str + "'" : String.valueOf(o);
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    private InteropException fail(String key, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = where;
        System.arraycopy(args, 0, all, 1, args.length);
        return new InteropException(Messages.get(key, all));
    }
}
