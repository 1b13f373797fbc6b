package org.tilesr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import ai.djl.ndarray.NDList;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tilesr.TileSRException;
import org.tilesr.io.OutputFile;

/**
 * Weights stored as float16 (half of DJL's float32 .params: the fine-tuned RRDN is 14.6 MB instead of 29 MB) and run
 * as float32, in a safetensors file (DJL reads and writes the format; Python's safetensors, numpy or any reader of
 * its JSON header can open it): one F16 tensor per parameter, named as the Java blocks name it. Files of the
 * earlier TileSR container ("TILESR-F16 1": name, shape and float16 values per parameter) are still read.
 */
public final class HalfWeights {

	/** The card's weights format for these files. */
	public static final String FORMAT = "safetensors";
	/** The earlier container's format name, still read. */
	public static final String LEGACY_FORMAT = "tilesr_f16";
	private static final String MAGIC = "TILESR-F16 1";

	private HalfWeights() {}

	/** Whether a card's weights format is float16 weights of TileSR's Java blocks (safetensors, or the earlier container). */
	public static boolean isHalf(final String format) {
		return FORMAT.equals(format) || LEGACY_FORMAT.equals(format);
	}

	/** Writes the block's parameters as float16 safetensors (temporary file, then renamed into place). */
	public static void save(final Block block, final Path file) {
		OutputFile.write(file, true, os -> {
			final NDList list = new NDList();
			try (NDManager m = NDManager.newBaseManager()) {
				for (final Pair<String, Parameter> p : block.getParameters()) {
					final NDArray h = p.getValue().getArray().toType(DataType.FLOAT16, true);
					m.tempAttachAll(h);
					h.setName(p.getKey());
					list.add(h);
				}
				list.encode(os, NDList.Encoding.SAFETENSORS);
			}
		});
	}

	/** Sets an initialized block's parameters from the file (float16 → float32), checking names and shapes. */
	public static void load(final Block block, final Path file) {
		try {
			final Map<String, Tensor> stored = legacy(file) ? readLegacy(file) : readSafetensors(block, file);
			final var params = block.getParameters();
			if (stored.size() != params.size()) throw new IOException(stored.size() + " parameters, the architecture has " + params.size());
			for (final Pair<String, Parameter> p : params) {
				final NDArray a = p.getValue().getArray();
				final Tensor t = stored.get(p.getKey());
				if (t == null) throw new IOException("no parameter " + p.getKey());
				if (!new Shape(t.shape).equals(a.getShape()))
					throw new IOException("parameter " + p.getKey() + " " + new Shape(t.shape) + " does not match the architecture's " + a.getShape());
				a.set(t.values);
			}
		}
		catch (final IOException | RuntimeException e) {
			throw new TileSRException(file, "cannot read float16 weights (" + e.getMessage() + ")", e);
		}
	}

	private record Tensor(long[] shape, float[] values) {}

	private static boolean legacy(final Path file) throws IOException {
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
			final byte[] head = in.readNBytes(2 + MAGIC.length());
			return head.length == 2 + MAGIC.length() && new String(head, 2, MAGIC.length(), java.nio.charset.StandardCharsets.UTF_8).equals(MAGIC);
		}
	}

	private static Map<String, Tensor> readSafetensors(final Block block, final Path file) throws IOException {
		final Map<String, Tensor> m = new HashMap<>();
		try (NDManager manager = NDManager.newBaseManager(); java.io.InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
			final NDList list = NDList.decode(manager, in);
			for (final NDArray a : list) {
				if (a.getDataType() != DataType.FLOAT16) throw new IOException("parameter " + a.getName() + " is " + a.getDataType() + ", not float16");
				m.put(a.getName(), new Tensor(a.getShape().getShape(), a.toType(DataType.FLOAT32, false).toFloatArray()));
			}
		}
		return m;
	}

	private static Map<String, Tensor> readLegacy(final Path file) throws IOException {
		final Map<String, Tensor> m = new LinkedHashMap<>();
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
			NDManager manager = NDManager.newBaseManager())
		{
			in.readUTF();
			final int n = in.readInt();
			for (int i = 0; i < n; i++) {
				final String name = in.readUTF();
				final long[] shape = new long[in.readInt()];
				for (int d = 0; d < shape.length; d++) shape[d] = in.readLong();
				final byte[] b = new byte[in.readInt()];
				in.readFully(b);
				final NDArray h = manager.create(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), new Shape(shape), DataType.FLOAT16);
				m.put(name, new Tensor(shape, h.toType(DataType.FLOAT32, false).toFloatArray()));
				h.close();
			}
		}
		return m;
	}

	/**
	 * Network interpolation (ESRGAN): every parameter becomes {@code alpha * own + (1 - alpha) * other}; alpha 1 keeps
	 * the block's own weights exactly, alpha 0 gives the other's exactly.
	 */
	public static void interpolate(final Block block, final Block other, final double alpha) {
		if (!(alpha >= 0 && alpha <= 1)) throw new TileSRException("alpha", "must be within 0..1, got " + alpha);
		final var own = block.getParameters();
		final var oth = other.getParameters();
		if (own.size() != oth.size()) throw new TileSRException("alpha", "the two models have different architectures");
		for (int i = 0; i < own.size(); i++) {
			final NDArray a = own.get(i).getValue().getArray(), b = oth.get(i).getValue().getArray();
			if (!own.get(i).getKey().equals(oth.get(i).getKey()) || !a.getShape().equals(b.getShape()))
				throw new TileSRException("alpha", "the two models have different architectures (" + own.get(i).getKey() + ")");
			try (NDManager m = a.getManager().newSubManager()) {
				final NDArray bb = b.toDevice(a.getDevice(), true);
				m.tempAttachAll(bb);
				final NDArray mix = a.mul((float) alpha);
				m.tempAttachAll(mix);
				final NDArray sum = mix.add(bb.mul((float) (1 - alpha)));
				m.tempAttachAll(sum);
				a.set(sum.toFloatArray());
			}
		}
	}
}
