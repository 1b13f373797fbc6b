package org.tilesr.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tilesr.TileSRException;
import org.tilesr.io.OutputFile;

/**
 * Weights stored as float16 (half of DJL's float32 .params; the fine-tuned RRDN is 14.5 MB instead of 29 MB) and
 * run as float32. File: "TILESR-F16 1", the parameter count, then per parameter its name, shape and little-endian
 * float16 values, in the block's parameter order.
 */
public final class HalfWeights {

	public static final String FORMAT = "tilesr_f16";
	private static final String MAGIC = "TILESR-F16 1";

	private HalfWeights() {}

	/** Writes the block's parameters (temporary file, then renamed into place). */
	public static void save(final Block block, final Path file) {
		OutputFile.write(file, true, os -> {
			final DataOutputStream out = new DataOutputStream(os);
			final var params = block.getParameters();
			out.writeUTF(MAGIC);
			out.writeInt(params.size());
			for (final Pair<String, Parameter> p : params) {
				final NDArray a = p.getValue().getArray();
				out.writeUTF(p.getKey());
				final long[] shape = a.getShape().getShape();
				out.writeInt(shape.length);
				for (final long d : shape) out.writeLong(d);
				try (NDArray h = a.toType(DataType.FLOAT16, true)) {
					final byte[] b = bytes(h);
					out.writeInt(b.length);
					out.write(b);
				}
			}
			out.flush();
		});
	}

	private static byte[] bytes(final NDArray h) {
		final ByteBuffer bb = h.toByteBuffer();
		final byte[] b = new byte[bb.remaining()];
		bb.get(b);
		return b;
	}

	/** Sets an initialized block's parameters from the file (float16 → float32), checking names and shapes. */
	public static void load(final Block block, final Path file) {
		try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
			if (!MAGIC.equals(in.readUTF())) throw new IOException("not a " + FORMAT + " file");
			final var params = block.getParameters();
			final int n = in.readInt();
			if (n != params.size()) throw new IOException(n + " parameters, the architecture has " + params.size());
			for (final Pair<String, Parameter> p : params) {
				final String name = in.readUTF();
				final long[] shape = new long[in.readInt()];
				for (int d = 0; d < shape.length; d++) shape[d] = in.readLong();
				final byte[] b = new byte[in.readInt()];
				in.readFully(b);
				final NDArray a = p.getValue().getArray();
				if (!name.equals(p.getKey()) || !new Shape(shape).equals(a.getShape()))
					throw new IOException("parameter " + name + " " + new Shape(shape) + " does not match " + p.getKey() + " " + a.getShape());
				try (NDManager m = a.getManager().newSubManager()) {
					final NDArray h = m.create(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN), a.getShape(), DataType.FLOAT16);
					a.set(h.toType(DataType.FLOAT32, false).toFloatArray());
				}
			}
		}
		catch (final IOException | RuntimeException e) {
			throw new TileSRException(file, "cannot read " + FORMAT + " weights (" + e.getMessage() + ")", e);
		}
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
