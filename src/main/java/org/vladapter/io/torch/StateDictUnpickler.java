package org.vladapter.io.torch;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Interprets the pickles of a {@code torch.save} state dict, and nothing more.
 *
 * <p>Known opcodes build plain values (None, bools, ints, floats, strings, tuples, lists, dicts). Only these
 * globals may be named: {@code collections.OrderedDict}, {@code torch._utils._rebuild_tensor_v2} /
 * {@code _rebuild_tensor} / {@code _rebuild_parameter} and the storage classes of {@link TorchStorageType}; REDUCE
 * applies only those callables, to arguments of the shapes torch writes, and BUILD only sets the (ignored) state of
 * an ordered dict. Persistent ids must be storage ids. Everything else — other globals, INST/OBJ/NEWOBJ, EXT codes,
 * bytes objects, unknown opcodes — is refused with the source and byte position named, before anything of it is
 * acted on. Every read is checked against the end of the input, and the memo, stack and values are bounded by the
 * input's size.
 */
public final class StateDictUnpickler {

    /** A global named by GLOBAL / STACK_GLOBAL. */
    private record Global(String module, String name) {
        @Override
        public String toString() {
            return module + "." + name;
        }
    }

    /** A Python tuple (Java lists stand for Python lists). */
    record Tuple(List<Object> items) {}

    /** Thrown when the input ends inside the pickle (the legacy reader then retries with more of the file). */
    static final class Truncated extends TorchCheckpointException {
        private static final long serialVersionUID = 1L;

        Truncated(String message) {
            super(message);
        }
    }

    private static final Object MARK = new Object();

    private final byte[] data;
    private final int limit;
    private final String where;
    private int pos;
    private int opStart;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Integer, Object> memo = new HashMap<>();
    private final boolean legacyIds;

    private StateDictUnpickler(byte[] data, int start, int limit, String where, boolean legacyIds) {
        this.data = data;
        this.pos = start;
        this.limit = limit;
        this.where = where;
        this.legacyIds = legacyIds;
    }

    /**
     * Reads one pickle.
     *
     * @param data the bytes
     * @param start where the pickle starts
     * @param limit where the readable bytes end
     * @param where the source for messages, e.g. {@code FILE:archive/data.pkl}
     * @param legacyIds whether storage ids carry the legacy layout's sixth element (view metadata, must be None)
     * @return the value and the position after STOP
     * @throws TorchCheckpointException on a refused or malformed pickle
     */
    static Result read(byte[] data, int start, int limit, String where, boolean legacyIds) throws TorchCheckpointException {
        StateDictUnpickler u = new StateDictUnpickler(data, start, limit, where, legacyIds);
        Object value = u.run();
        return new Result(value, u.pos);
    }

    /**
     * @param value the unpickled object
     * @param end the position after its STOP opcode
     */
    record Result(Object value, int end) {}

    /**
     * Turns the unpickled object into the state dict it must be.
     *
     * @param value the object
     * @param where the source for messages
     * @return tensors by name, in file order
     * @throws TorchCheckpointException when it is not a dict of names to tensors
     */
    static Map<String, TensorRef> stateDict(Object value, String where) throws TorchCheckpointException {
        if (!(value instanceof Map<?, ?> map)) {
            throw new TorchCheckpointException(where + ": the pickled object is " + describe(value)
                    + ", not a state dict (a dict of names to tensors)");
        }
        Map<String, TensorRef> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new TorchCheckpointException(where + ": state dict key " + describe(e.getKey()) + " is not a string");
            }
            if (!(e.getValue() instanceof TensorRef t)) {
                throw new TorchCheckpointException(where + ": state dict entry '" + name + "' holds "
                        + describe(e.getValue()) + ", not a tensor"
                        + (e.getValue() instanceof Map ? " (a training checkpoint rather than a state dict?"
                                + " save model.state_dict() instead)" : ""));
            }
            out.put(name, t);
        }
        return out;
    }

    private Object run() throws TorchCheckpointException {
        while (true) {
            opStart = pos;
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int proto = u8();
                    if (proto > 5) {
                        throw refuse("pickle protocol " + proto + " is newer than 5");
                    }
                }
                case 0x95 -> skip(8); // FRAME: the length of the next frame, only a hint
                case '.' -> { // STOP
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw corrupt("STOP with " + stack.size() + " values on the stack");
                    }
                    return stack.get(0);
                }
                case '(' -> { // MARK
                    marks.add(stack.size());
                    stack.add(MARK);
                }
                case '0' -> pop(); // POP
                case 'N' -> stack.add(null);
                case 0x88 -> stack.add(Boolean.TRUE);
                case 0x89 -> stack.add(Boolean.FALSE);
                case 'K' -> stack.add((long) u8()); // BININT1
                case 'M' -> stack.add((long) (u8() | u8() << 8)); // BININT2
                case 'J' -> stack.add((long) s32()); // BININT
                case 0x8a -> stack.add(long1(u8())); // LONG1
                case 'G' -> stack.add(Double.longBitsToDouble(be64())); // BINFLOAT
                case 'X' -> stack.add(string(u32())); // BINUNICODE
                case 0x8c -> stack.add(string(u8())); // SHORT_BINUNICODE
                case 'T' -> stack.add(string(u32())); // BINSTRING (a Python 2 str)
                case 'U' -> stack.add(string(u8())); // SHORT_BINSTRING
                case '}' -> stack.add(new LinkedHashMap<Object, Object>()); // EMPTY_DICT
                case ']' -> stack.add(new ArrayList<Object>()); // EMPTY_LIST
                case ')' -> stack.add(new Tuple(List.of())); // EMPTY_TUPLE
                case 't' -> stack.add(new Tuple(popToMark())); // TUPLE
                case 0x85 -> stack.add(new Tuple(popN(1))); // TUPLE1
                case 0x86 -> stack.add(new Tuple(popN(2))); // TUPLE2
                case 0x87 -> stack.add(new Tuple(popN(3))); // TUPLE3
                case 'l' -> stack.add(new ArrayList<>(popToMark())); // LIST
                case 'd' -> { // DICT
                    Map<Object, Object> m = new LinkedHashMap<>();
                    putPairs(m, popToMark());
                    stack.add(m);
                }
                case 'a' -> { // APPEND
                    Object v = pop();
                    list(peek()).add(v);
                }
                case 'e' -> { // APPENDS
                    List<Object> items = popToMark();
                    list(peek()).addAll(items);
                }
                case 's' -> { // SETITEM
                    Object v = pop();
                    Object k = pop();
                    putPairs(dict(peek()), List.of(k, v));
                }
                case 'u' -> { // SETITEMS
                    List<Object> items = popToMark();
                    putPairs(dict(peek()), items);
                }
                case 'q' -> memo.put(u8(), peek()); // BINPUT
                case 'r' -> memo.put(u32(), peek()); // LONG_BINPUT
                case 0x94 -> memo.put(memo.size(), peek()); // MEMOIZE
                case 'h' -> stack.add(memoGet(u8())); // BINGET
                case 'j' -> stack.add(memoGet(u32())); // LONG_BINGET
                case 'c' -> stack.add(global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    Object name = pop();
                    Object module = pop();
                    if (!(module instanceof String m) || !(name instanceof String n)) {
                        throw corrupt("STACK_GLOBAL needs two strings");
                    }
                    stack.add(global(m, n));
                }
                case 'Q' -> stack.add(persistent(pop())); // BINPERSID
                case 'R' -> { // REDUCE
                    Object args = pop();
                    Object callable = pop();
                    stack.add(reduce(callable, args));
                }
                case 'b' -> { // BUILD
                    Object state = pop();
                    Object target = peek();
                    if (!(target instanceof Map) || !(state instanceof Map || state instanceof Tuple)) {
                        throw refuse("BUILD of " + describe(target) + " with " + describe(state)
                                + " (only an ordered dict's attributes, e.g. a state dict's _metadata, are accepted)");
                    }
                }
                default -> throw refuse(opcodeName(op) + " is not part of a state dict");
            }
        }
    }

    private Object global(String module, String name) throws TorchCheckpointException {
        boolean allowed = switch (module) {
            case "collections" -> name.equals("OrderedDict");
            case "torch._utils" -> name.equals("_rebuild_tensor_v2") || name.equals("_rebuild_tensor")
                    || name.equals("_rebuild_parameter");
            case "torch" -> TorchStorageType.fromClassName(name) != null;
            default -> false;
        };
        if (!allowed && module.equals("torch") && name.endsWith("Storage")) {
            throw refuse("storage class torch." + name + " is not read (readable: float32, float16, bfloat16,"
                    + " float64 and integer/bool storages; complex and quantized ones are not model weights here)");
        }
        if (!allowed) {
            throw refuse("global '" + module + "." + name + "' is not allowed (a state dict names only"
                    + " collections.OrderedDict, torch._utils._rebuild_tensor_v2 and torch storage classes;"
                    + " this file would run other code when Python loads it)");
        }
        return new Global(module, name);
    }

    private Object persistent(Object pid) throws TorchCheckpointException {
        if (!(pid instanceof Tuple t) || t.items().size() != (legacyIds ? 6 : 5) || !"storage".equals(t.items().get(0))) {
            throw refuse("persistent id " + describe(pid) + " is not a storage id ('storage', type, key, location, numel"
                    + (legacyIds ? ", view" : "") + ")");
        }
        List<Object> p = t.items();
        if (!(p.get(1) instanceof Global g) || !g.module().equals("torch") || TorchStorageType.fromClassName(g.name()) == null) {
            throw refuse("storage id names " + describe(p.get(1)) + ", not a torch storage class");
        }
        if (!(p.get(2) instanceof String key) || !(p.get(3) instanceof String) || !(p.get(4) instanceof Long numel) || numel < 0) {
            throw corrupt("storage id " + describe(pid) + " needs a string key, a string location and a count >= 0");
        }
        if (legacyIds && p.get(5) != null) {
            throw refuse("storage id with a view of another storage (" + describe(p.get(5))
                    + "): storage views of very old PyTorch files are not read");
        }
        return new StorageRef(TorchStorageType.fromClassName(g.name()), key, numel);
    }

    private Object reduce(Object callable, Object args) throws TorchCheckpointException {
        if (!(callable instanceof Global g) || !(args instanceof Tuple t)) {
            throw refuse("REDUCE of " + describe(callable) + " with " + describe(args));
        }
        List<Object> a = t.items();
        switch (g.toString()) {
            case "collections.OrderedDict" -> {
                if (!a.isEmpty()) {
                    throw refuse("OrderedDict built from arguments " + describe(args));
                }
                return new LinkedHashMap<Object, Object>();
            }
            case "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor" -> {
                boolean v2 = g.name().equals("_rebuild_tensor_v2");
                if (v2 ? a.size() < 6 || a.size() > 7 : a.size() != 4) {
                    throw corrupt(g + " with " + a.size() + " arguments");
                }
                if (v2 && (!(a.get(4) instanceof Boolean) || !emptyHooks(a.get(5)) || a.size() == 7 && !emptyHooks(a.get(6)))) {
                    throw refuse(g + " with backward hooks or tensor metadata (" + describe(a.get(5)) + ")");
                }
                return tensor(a.get(0), a.get(1), a.get(2), a.get(3));
            }
            case "torch._utils._rebuild_parameter" -> {
                if (a.size() != 3 || !(a.get(0) instanceof TensorRef tensor) || !(a.get(1) instanceof Boolean)
                        || !emptyHooks(a.get(2))) {
                    throw refuse(g + " with arguments " + describe(args));
                }
                return tensor;
            }
            default -> throw refuse("REDUCE of " + g + " (a storage class is no callable here)");
        }
    }

    private static boolean emptyHooks(Object o) {
        return o == null || o instanceof Map<?, ?> m && m.isEmpty();
    }

    private TensorRef tensor(Object storage, Object offset, Object size, Object stride) throws TorchCheckpointException {
        if (!(storage instanceof StorageRef s)) {
            throw corrupt("tensor rebuilt from " + describe(storage) + ", not a storage");
        }
        if (!(offset instanceof Long off) || off < 0) {
            throw corrupt("tensor storage offset " + describe(offset));
        }
        long[] sz = longs(size, "size");
        long[] st = longs(stride, "stride");
        if (sz.length != st.length || sz.length > 64) {
            throw corrupt("tensor size " + describe(size) + " and stride " + describe(stride) + " differ in length");
        }
        TensorRef t = new TensorRef(s, off, sz, st);
        try {
            if (t.numel() > 0 && t.extent() > s.numel()) {
                throw corrupt("tensor view (offset " + off + ", size " + describe(size) + ", stride " + describe(stride)
                        + ") reads past the end of storage '" + s.key() + "' (" + s.numel() + " elements)");
            }
        } catch (ArithmeticException e) {
            throw corrupt("tensor size " + describe(size) + " overflows");
        }
        return t;
    }

    private long[] longs(Object o, String what) throws TorchCheckpointException {
        if (!(o instanceof Tuple t)) {
            throw corrupt("tensor " + what + " " + describe(o) + " is not a tuple");
        }
        long[] out = new long[t.items().size()];
        for (int i = 0; i < out.length; i++) {
            if (!(t.items().get(i) instanceof Long v) || v < 0) {
                throw corrupt("tensor " + what + " " + describe(o) + " holds " + describe(t.items().get(i)));
            }
            out[i] = v;
        }
        return out;
    }

    private void putPairs(Map<Object, Object> m, List<Object> items) throws TorchCheckpointException {
        if (items.size() % 2 != 0) {
            throw corrupt("odd number of dict items");
        }
        for (int i = 0; i < items.size(); i += 2) {
            Object k = items.get(i);
            if (k != null && !(k instanceof String || k instanceof Long || k instanceof Boolean)) {
                throw refuse("dict key " + describe(k) + " (keys are strings or ints in a state dict)");
            }
            m.put(k, items.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private Map<Object, Object> dict(Object o) throws TorchCheckpointException {
        if (!(o instanceof Map)) {
            throw corrupt("SETITEM(S) on " + describe(o));
        }
        return (Map<Object, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object o) throws TorchCheckpointException {
        if (!(o instanceof ArrayList)) {
            throw corrupt("APPEND(S) on " + describe(o));
        }
        return (List<Object>) o;
    }

    private Object memoGet(int index) throws TorchCheckpointException {
        if (!memo.containsKey(index)) {
            throw corrupt("memo entry " + index + " read before it was written");
        }
        return memo.get(index);
    }

    private Object peek() throws TorchCheckpointException {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw corrupt("stack underflow");
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop() throws TorchCheckpointException {
        Object o = peek();
        stack.remove(stack.size() - 1);
        return o;
    }

    private List<Object> popN(int n) throws TorchCheckpointException {
        Object[] out = new Object[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = pop();
        }
        return java.util.Arrays.asList(out);
    }

    private List<Object> popToMark() throws TorchCheckpointException {
        if (marks.isEmpty()) {
            throw corrupt("no MARK on the stack");
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
        stack.subList(m, stack.size()).clear();
        return items;
    }

    private Object long1(int n) throws TorchCheckpointException {
        need(n);
        byte[] be = new byte[Math.max(n, 1)];
        for (int i = 0; i < n; i++) {
            be[n - 1 - i] = data[pos + i];
        }
        pos += n;
        BigInteger v = n == 0 ? BigInteger.ZERO : new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private String string(long n) throws TorchCheckpointException {
        if (n > limit - pos) {
            need(n);
        }
        String s = new String(data, pos, (int) n, StandardCharsets.UTF_8);
        pos += (int) n;
        return s;
    }

    private String line() throws TorchCheckpointException {
        int start = pos;
        while (pos < limit && data[pos] != '\n') {
            if (pos - start > 256) {
                throw corrupt("GLOBAL name longer than 256 bytes");
            }
            pos++;
        }
        if (pos >= limit) {
            need(1);
        }
        String s = new String(data, start, pos - start, StandardCharsets.UTF_8);
        pos++;
        return s;
    }

    private int u8() throws TorchCheckpointException {
        need(1);
        return data[pos++] & 0xFF;
    }

    private int s32() throws TorchCheckpointException {
        need(4);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16 | data[pos + 3] << 24;
        pos += 4;
        return v;
    }

    private int u32() throws TorchCheckpointException {
        int v = s32();
        if (v < 0) {
            throw corrupt("length or index " + Integer.toUnsignedString(v) + " too large");
        }
        return v;
    }

    private long be64() throws TorchCheckpointException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (data[pos++] & 0xFF);
        }
        return v;
    }

    private void skip(int n) throws TorchCheckpointException {
        need(n);
        pos += n;
    }

    private void need(long n) throws TorchCheckpointException {
        if (n > limit - pos) {
            throw new Truncated(where + ": pickle ends early (byte " + opStart + " needs " + n + " more bytes;"
                    + " the file is truncated or corrupt)");
        }
    }

    private TorchCheckpointException refuse(String what) {
        return new TorchCheckpointException(where + ": refused pickle opcode at byte " + opStart + ": " + what);
    }

    private TorchCheckpointException corrupt(String what) {
        return new TorchCheckpointException(where + ": corrupt pickle at byte " + opStart + ": " + what);
    }

    private static String opcodeName(int op) {
        String name = switch (op) {
            case 'i' -> "INST";
            case 'o' -> "OBJ";
            case 0x81 -> "NEWOBJ";
            case 0x92 -> "NEWOBJ_EX";
            case 0x82, 0x83, 0x84 -> "EXT";
            case 'P' -> "PERSID";
            case 'B', 'C', 0x8e, 0x96, 0x97, 0x98 -> "bytes";
            case 'I', 'L', 'F', 'S', 'V' -> "text-protocol value";
            case 'g', 'p' -> "text-protocol memo";
            case 0x8b -> "LONG4";
            case 0x8f, 0x90, 0x91 -> "set";
            default -> "unknown";
        };
        return "opcode 0x" + String.format("%02x", op) + (op >= 0x20 && op < 0x7f ? " '" + (char) op + "'" : "")
                + " (" + name + ")";
    }

    private static String describe(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        if (o instanceof Long || o instanceof Boolean || o instanceof Double || o instanceof BigInteger) {
            return o.toString();
        }
        if (o instanceof Tuple t) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < t.items().size() && i < 6; i++) {
                b.append(i > 0 ? ", " : "").append(describe(t.items().get(i)));
            }
            return b.append(t.items().size() > 6 ? ", ...)" : t.items().size() == 1 ? ",)" : ")").toString();
        }
        if (o instanceof Global g) {
            return "global " + g;
        }
        if (o instanceof Map<?, ?> m) {
            return "a dict of " + m.size();
        }
        if (o instanceof List<?> l) {
            return "a list of " + l.size();
        }
        if (o instanceof TensorRef) {
            return "a tensor";
        }
        if (o instanceof StorageRef s) {
            return "storage '" + s.key() + "'";
        }
        return o.getClass().getSimpleName();
    }
}
