package org.tilesr.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tilesr.TileSRException;

/**
 * Reads the weights of a TensorFlow.js layers model ({@code model.json} plus binary shards). The manifest lists
 * tensors by name (alphabetically, not in graph order); the shards of one group form one little-endian buffer.
 */
public final class TfjsWeights {

	/** A named float tensor in TF's layout (Conv2D kernels are HWIO). */
	public record Tensor(String name, int[] shape, float[] values) {}

	private final Map<String, Tensor> tensors;

	private TfjsWeights(final Map<String, Tensor> tensors) {
		this.tensors = tensors;
	}

	public static TfjsWeights read(final Path modelJson) {
		final JsonObject root;
		try (Reader r = Files.newBufferedReader(modelJson, StandardCharsets.UTF_8)) {
			root = JsonParser.parseReader(r).getAsJsonObject();
		}
		catch (final IOException | RuntimeException e) {
			throw new TileSRException(modelJson, "not a readable TF.js model.json (" + e.getMessage() + ")", e);
		}
		final Map<String, Tensor> out = new LinkedHashMap<>();
		for (final JsonElement g : root.getAsJsonArray("weightsManifest")) {
			final JsonObject group = g.getAsJsonObject();
			final ByteBuffer buf = ByteBuffer.wrap(readShards(modelJson.getParent(), group.getAsJsonArray("paths")))
				.order(ByteOrder.LITTLE_ENDIAN);
			for (final JsonElement w : group.getAsJsonArray("weights")) {
				final JsonObject spec = w.getAsJsonObject();
				final String name = spec.get("name").getAsString();
				final String dtype = spec.get("dtype").getAsString();
				if (!"float32".equals(dtype) || spec.has("quantization"))
					throw new TileSRException(modelJson, "tensor " + name + " is " + dtype + (spec.has("quantization") ? " (quantized)" : "") + "; only float32 is supported");
				final JsonArray dims = spec.getAsJsonArray("shape");
				final int[] shape = new int[dims.size()];
				int count = 1;
				for (int i = 0; i < shape.length; i++)
					count *= shape[i] = dims.get(i).getAsInt();
				if (buf.remaining() < 4L * count)
					throw new TileSRException(modelJson, "weight shards end before tensor " + name);
				final float[] values = new float[count];
				buf.asFloatBuffer().get(values);
				buf.position(buf.position() + 4 * count);
				out.put(name, new Tensor(name, shape, values));
			}
			if (buf.hasRemaining())
				throw new TileSRException(modelJson, buf.remaining() + " bytes in the weight shards are not listed in the manifest");
		}
		return new TfjsWeights(out);
	}

	private static byte[] readShards(final Path dir, final JsonArray paths) {
		final ByteArrayOutputStream all = new ByteArrayOutputStream();
		for (final JsonElement p : paths) {
			final Path shard = dir.resolve(p.getAsString());
			try {
				all.write(Files.readAllBytes(shard));
			}
			catch (final IOException e) {
				throw new TileSRException(shard, "cannot read weight shard (" + e.getMessage() + ")", e);
			}
		}
		return all.toByteArray();
	}

	public Map<String, Tensor> tensors() {
		return tensors;
	}

	public Tensor get(final String name) {
		final Tensor t = tensors.get(name);
		if (t == null) throw new IllegalArgumentException("no tensor " + name);
		return t;
	}

	/** A Conv2D kernel converted from TF's HWIO to PyTorch's OIHW order. */
	public static float[] hwioToOihw(final Tensor kernel) {
		final int[] s = kernel.shape();
		if (s.length != 4) throw new IllegalArgumentException(kernel.name() + " is not a 4D kernel");
		final int kh = s[0], kw = s[1], ci = s[2], co = s[3];
		final float[] src = kernel.values();
		final float[] dst = new float[src.length];
		for (int y = 0; y < kh; y++)
			for (int x = 0; x < kw; x++)
				for (int i = 0; i < ci; i++)
					for (int o = 0; o < co; o++)
						dst[((o * ci + i) * kh + y) * kw + x] = src[((y * kw + x) * ci + i) * co + o];
		return dst;
	}
}
