package org.tilesr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.TestData;
import org.tilesr.TileSRException;

/**
 * Float16 weights as safetensors: the shipped satellite-x4 file read by this test's own safetensors and float16
 * decoding (JSON header, little-endian F16, not DJL) equals what TileSR loads; a block saved and loaded again keeps
 * every value rounded to float16; the earlier TILESR-F16 container is still read; a truncated file is one line.
 */
class HalfWeightsTest {

	@TempDir
	Path tmp;

	@Test
	void shippedWeightsAreStandardSafetensors() throws Exception {
		final ModelCard card = ModelCard.read(TestData.root().resolve("models/satellite-x4/card.json"));
		assertEquals(HalfWeights.FORMAT, card.weightsFormat());
		final byte[] file = Files.readAllBytes(card.weightsFile());
		final long n = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
		final JsonObject header = JsonParser.parseString(new String(file, 8, (int) n, StandardCharsets.UTF_8)).getAsJsonObject();
		try (Model m = Models.open(card, Device.cpu())) {
			final var params = m.getBlock().getParameters();
			assertEquals(params.size(), header.keySet().stream().filter(k -> !k.equals("__metadata__")).count());
			for (final Pair<String, Parameter> p : params) {
				final JsonObject t = header.getAsJsonObject(p.getKey());
				assertEquals("F16", t.get("dtype").getAsString(), p.getKey());
				final long[] shape = new long[t.getAsJsonArray("shape").size()];
				for (int i = 0; i < shape.length; i++) shape[i] = t.getAsJsonArray("shape").get(i).getAsLong();
				assertArrayEquals(p.getValue().getArray().getShape().getShape(), shape, p.getKey());
				final int from = (int) (8 + n + t.getAsJsonArray("data_offsets").get(0).getAsLong());
				final float[] loaded = p.getValue().getArray().toFloatArray();
				final ByteBuffer data = ByteBuffer.wrap(file, from, 2 * loaded.length).order(ByteOrder.LITTLE_ENDIAN);
				for (int i = 0; i < loaded.length; i++)
					assertEquals(half(data.getShort()), loaded[i], 0, p.getKey() + "[" + i + "]");
			}
		}
	}

	@Test
	void savedBlockLoadsBackAndTheEarlierContainerIsRead() throws Exception {
		final ModelCard card = ModelCard.read(TestData.root().resolve("models/ct-mri-x4/card.json"));
		try (Model a = Models.open(card, Device.cpu()); Model b = Models.open(card, Device.cpu())) {
			final var pa = a.getBlock().getParameters();
			final var pb = b.getBlock().getParameters();
			// perturb a's weights, save them, load them into b: b gets a's values rounded to float16
			for (final Pair<String, Parameter> p : pa) p.getValue().getArray().muli(1.001f);
			final Path st = tmp.resolve("w.safetensors");
			HalfWeights.save(a.getBlock(), st);
			HalfWeights.load(b.getBlock(), st);
			final Path legacy = tmp.resolve("w.f16");
			writeLegacy(a, legacy);
			try (Model c = Models.open(card, Device.cpu())) {
				HalfWeights.load(c.getBlock(), legacy);
				final var pc = c.getBlock().getParameters();
				for (int i = 0; i < pa.size(); i++) {
					final float[] x = pa.get(i).getValue().getArray().toFloatArray(), y = pb.get(i).getValue().getArray().toFloatArray(),
						z = pc.get(i).getValue().getArray().toFloatArray();
					for (int k = 0; k < x.length; k++) {
						assertEquals(x[k], y[k], Math.abs(x[k]) * 1e-3 + 1e-7, pa.get(i).getKey());
						// the same float16 values (this test's rounding may differ from libtorch's by a subnormal step)
						assertEquals(y[k], z[k], 0x1p-24f, "the earlier container gives the same values: " + pa.get(i).getKey());
					}
				}
			}
			final Path bad = tmp.resolve("bad.safetensors");
			Files.write(bad, java.util.Arrays.copyOf(Files.readAllBytes(st), 1000));
			final TileSRException e = assertThrows(TileSRException.class, () -> HalfWeights.load(b.getBlock(), bad));
			assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
		}
	}

	/** The earlier container, as TileSR wrote it: magic, count, then name, shape and little-endian float16 values. */
	private static void writeLegacy(final Model m, final Path file) throws Exception {
		try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
			final var params = m.getBlock().getParameters();
			out.writeUTF("TILESR-F16 1");
			out.writeInt(params.size());
			for (final Pair<String, Parameter> p : params) {
				out.writeUTF(p.getKey());
				final long[] shape = p.getValue().getArray().getShape().getShape();
				out.writeInt(shape.length);
				for (final long d : shape) out.writeLong(d);
				final float[] v = p.getValue().getArray().toFloatArray();
				final ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
				for (final float f : v) b.putShort(toHalf(f));
				out.writeInt(b.capacity());
				out.write(b.array());
			}
		}
	}

	/** IEEE 754 binary16 to float, written out here so the file is read without DJL. */
	static float half(final short h) {
		final int s = (h >> 15) & 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
		final float v = e == 0 ? f * 0x1p-24f : e == 31 ? (f == 0 ? Float.POSITIVE_INFINITY : Float.NaN) : (1 + f / 1024f) * (float) Math.pow(2, e - 15);
		return s == 1 ? -v : v;
	}

	/** float to binary16, rounding to nearest even (normal and subnormal range; the weights have no infinities). */
	static short toHalf(final float v) {
		final int bits = Float.floatToIntBits(v), sign = (bits >>> 16) & 0x8000;
		final float a = Math.abs(v);
		if (a < 0x1p-14f) return (short) (sign | Math.round(a / 0x1p-24f)); // subnormal (Math.round: ties up, close enough here)
		final int x = Float.floatToIntBits(a), exp = ((x >>> 23) & 0xff) - 127 + 15;
		int mant = x & 0x7fffff;
		int h = (exp << 10) | (mant >>> 13);
		final int rest = mant & 0x1fff;
		if (rest > 0x1000 || rest == 0x1000 && (h & 1) == 1) h++;
		return (short) (sign | h);
	}
}
