package org.vladapter.fuzz;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.vladapter.io.SafeTensorsFile;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code .safetensors} files read with {@link SafeTensorsFile#load} into NDArrays (the native path where an I16
 * tensor used to abort the JVM): header damage, truncation, bit flips, and the header forms the format forbids.
 */
final class SafeTensorsInputs implements InputClass {

    static final String FILE = "t.safetensors";

    /** One tensor of the original: name, dtype, shape text, raw little-endian bytes. */
    record Tensor(String name, String dtype, String shape, byte[] data) {}

    static List<Tensor> originalTensors() {
        ByteBuffer f32 = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            f32.putFloat(i * 0.5f - 1);
        }
        ByteBuffer f16 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        f16.putShort((short) 0x3C00).putShort((short) 0xC000).putShort((short) 0x3555).putShort((short) 0);
        ByteBuffer i64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(-3);
        ByteBuffer i16 = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN);
        i16.putShort((short) 1).putShort((short) -2).putShort((short) 300);
        List<Tensor> t = new ArrayList<>();
        t.add(new Tensor("a", "F32", "[2,3]", f32.array()));
        t.add(new Tensor("b", "F16", "[4]", f16.array()));
        t.add(new Tensor("c", "I64", "[2]", i64.array()));
        t.add(new Tensor("d", "I16", "[3]", i16.array()));
        return t;
    }

    /** Writes a file the way HF's writer lays it out, with a header the caller may have edited. */
    static byte[] file(String header, byte[] data) {
        byte[] h = Mutations.utf8(header);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer out = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded).put(h);
        for (int i = h.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        out.put(data);
        return out.array();
    }

    static String header(List<Tensor> tensors, String metadata) {
        StringBuilder sb = new StringBuilder("{");
        if (metadata != null) {
            sb.append("\"__metadata__\":").append(metadata).append(',');
        }
        long offset = 0;
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            sb.append(i == 0 ? "" : ",").append('"').append(t.name()).append("\":{\"dtype\":\"").append(t.dtype())
                    .append("\",\"shape\":").append(t.shape()).append(",\"data_offsets\":[").append(offset).append(',')
                    .append(offset + t.data().length).append("]}");
            offset += t.data().length;
        }
        return sb.append('}').toString();
    }

    static byte[] data(List<Tensor> tensors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tensors.forEach(t -> out.writeBytes(t.data()));
        return out.toByteArray();
    }

    @Override
    public String name() {
        return "safetensors";
    }

    @Override
    public List<FuzzCase> cases(Random random, int count) {
        List<Tensor> tensors = originalTensors();
        String header = header(tensors, "{\"format\":\"pt\"}");
        byte[] data = data(tensors);
        byte[] original = file(header, data);
        Map<String, byte[]> originalFiles = Mutations.files(FILE, original);
        List<FuzzCase> fixed = new ArrayList<>();
        fixed.add(bad("nested-metadata", file(header.replace("{\"format\":\"pt\"}", "{\"format\":\"pt\",\"x\":"
                + "[".repeat(5000) + "]".repeat(5000) + "}"), data)));
        fixed.add(bad("nested-tensor-entry", file("{\"a\":" + "[".repeat(3000) + "]".repeat(3000) + "}", data)));
        fixed.add(bad("duplicate-key", file(header.replace("\"b\":", "\"a\":"), data)));
        fixed.add(bad("negative-dim", file(header.replace("[2,3]", "[-2,-3]"), data)));
        fixed.add(bad("overflowing-dims", file(header.replace("[2,3]", "[4611686018427387904,4]"), data)));
        fixed.add(bad("fractional-dim", file(header.replace("[2,3]", "[2,3.0000001]"), data)));
        fixed.add(bad("unknown-dtype", file(header.replace("\"F16\"", "\"F17\""), data)));
        fixed.add(bad("single-quotes", file(header.replace("\"format\"", "'format'"), data)));
        fixed.add(bad("nan-offset", file(header.replace("[0,24]", "[0,NaN]"), data)));
        fixed.add(bad("comment", file(Mutations.replaceFirst(header, "{", "{/* x */"), data)));
        fixed.add(bad("metadata-number", file(header.replace("\"pt\"", "1"), data)));
        fixed.add(bad("offsets-past-end", file(header.replace("[48,54]", "[48,56]"), data)));
        fixed.add(bad("overlap", file(header.replace("[24,32]", "[20,28]"), data)));
        ByteBuffer hugeLength = ByteBuffer.wrap(original.clone()).order(ByteOrder.LITTLE_ENDIAN);
        hugeLength.putLong(0, 1L << 40);
        fixed.add(bad("header-length-past-end", hugeLength.array()));
        fixed.add(new FuzzCase("i16-tensor", Mutations.files(FILE, original), FILE, Expect.ACCEPT_SAME, originalFiles));
        fixed.add(new FuzzCase("extra-spaces", Mutations.files(FILE, file(header + "        ", data)), FILE,
                Expect.ACCEPT_SAME, originalFiles));
        fixed.add(new FuzzCase("same-header-other-spelling", Mutations.files(FILE, file(header.replace(",", ", \n"),
                data)), FILE, Expect.ACCEPT_SAME, originalFiles));
        return Mutations.assemble(fixed, count, () -> {
            if (random.nextInt(3) == 0) {
                int n = random.nextInt(original.length);
                return bad("truncate@" + n, Mutations.cut(original, n));
            }
            int p = random.nextInt(original.length);
            int bit = random.nextInt(8);
            return new FuzzCase("flip@" + p + "." + bit, Mutations.files(FILE, Mutations.flipBit(original, p, bit)), FILE,
                    Expect.EITHER, originalFiles);
        });
    }

    private static FuzzCase bad(String label, byte[] content) {
        return new FuzzCase(label, Mutations.files(FILE, content), FILE, Expect.REFUSE, null);
    }

    @Override
    public Object load(Path folder, String target) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (SafeTensorsFile f = SafeTensorsFile.open(folder.resolve(target));
                NDManager manager = NDManager.newBaseManager()) {
            for (String name : f.names()) {
                NDArray a = f.load(name, manager);
                out.put(name, a.getDataType() + " " + a.getShape() + " "
                        + java.util.Arrays.toString(a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray()));
            }
            out.put("__metadata__", f.metadata().toString());
        }
        return out;
    }
}
