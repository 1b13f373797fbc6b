package org.tilesr.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of real TIFF, GeoTIFF and DICOM files, of the kinds a damaged archive holds: byte flips,
 * truncations, inserted or removed bytes, TIFF tag values set to edge cases (sizes, counts, offsets, BitsPerSample,
 * SampleFormat, SamplesPerPixel), IFD loops, DICOM header damage, and NaN/±Inf samples in float data.
 */
final class Mutants {

	/** A mutant: its bytes and how it was made (for the report and for replaying it). */
	record Mutant(byte[] bytes, String how, boolean valuesKnown) {}

	private static final long[] EDGES = { 0, 1, 2, 3, 7, 8, 12, 15, 16, 17, 24, 31, 32, 33, 64, 255, 256, 0x7fff, 0x8000, 0xffff,
		0x10000, 1L << 28, 0x7fffffffL, 0x80000000L, 0xffffffffL };

	private Mutants() {}

	static Mutant mutate(final byte[] seed, final boolean tiff, final boolean float32, final Random r) {
		final int kind = r.nextInt(float32 ? 8 : 7);
		return switch (kind) {
			case 0 -> flips(seed, r);
			case 1 -> truncate(seed, r);
			case 2 -> splice(seed, r);
			case 3, 4 -> tiff ? tiffTag(seed, r) : dicomTag(seed, r);
			case 5 -> tiff ? ifdLoop(seed, r) : dicomTag(seed, r);
			case 6 -> tiff ? tiffTag(tiffTag(seed, r).bytes(), r, "two tags") : flips(seed, r);
			default -> specials(seed, r);
		};
	}

	private static Mutant flips(final byte[] seed, final Random r) {
		final byte[] b = seed.clone();
		final int n = 1 + r.nextInt(8);
		final StringBuilder how = new StringBuilder("flipped bytes at");
		for (int i = 0; i < n; i++) {
			final int at = r.nextBoolean() ? r.nextInt(Math.min(b.length, 1024)) : r.nextInt(b.length);
			b[at] ^= (byte) (1 + r.nextInt(255));
			how.append(' ').append(at);
		}
		return new Mutant(b, how.toString(), false);
	}

	private static Mutant truncate(final byte[] seed, final Random r) {
		final int len = r.nextBoolean() ? r.nextInt(Math.min(seed.length, 2048)) : r.nextInt(seed.length);
		return new Mutant(Arrays.copyOf(seed, len), "truncated to " + len + " of " + seed.length + " bytes", false);
	}

	private static Mutant splice(final byte[] seed, final Random r) {
		final int at = r.nextInt(seed.length), n = 1 + r.nextInt(64);
		final byte[] b;
		if (r.nextBoolean()) {
			b = new byte[seed.length + n];
			System.arraycopy(seed, 0, b, 0, at);
			for (int i = 0; i < n; i++)
				b[at + i] = (byte) r.nextInt(256);
			System.arraycopy(seed, at, b, at + n, seed.length - at);
			return new Mutant(b, "inserted " + n + " bytes at " + at, false);
		}
		final int cut = Math.min(n, seed.length - at);
		b = new byte[seed.length - cut];
		System.arraycopy(seed, 0, b, 0, at);
		System.arraycopy(seed, at + cut, b, at, seed.length - at - cut);
		return new Mutant(b, "removed " + cut + " bytes at " + at, false);
	}

	/** Entry positions (offset of each 12-byte IFD entry) of the first IFDs of a classic TIFF. */
	static List<Integer> entries(final byte[] b) {
		final List<Integer> out = new ArrayList<>();
		if (b.length < 8) return out;
		final ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		long ifd = bb.getInt(4) & 0xffffffffL;
		for (int k = 0; k < 4 && ifd > 0 && ifd + 2 <= b.length; k++) {
			final int n = bb.getShort((int) ifd) & 0xffff;
			for (int i = 0; i < n && ifd + 2 + 12L * (i + 1) <= b.length; i++)
				out.add((int) ifd + 2 + 12 * i);
			final long next = ifd + 2 + 12L * n;
			if (next + 4 > b.length) break;
			ifd = bb.getInt((int) next) & 0xffffffffL;
		}
		return out;
	}

	private static Mutant tiffTag(final byte[] seed, final Random r) {
		return tiffTag(seed, r, "tag");
	}

	private static Mutant tiffTag(final byte[] seed, final Random r, final String label) {
		final List<Integer> e = entries(seed);
		if (e.isEmpty()) return flips(seed, r);
		final byte[] b = seed.clone();
		final ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		final int at = e.get(r.nextInt(e.size()));
		final int tag = bb.getShort(at) & 0xffff, type = bb.getShort(at + 2) & 0xffff;
		final long v = r.nextInt(4) == 0 ? b.length + r.nextInt(3) - 1 : EDGES[r.nextInt(EDGES.length)];
		final String what;
		switch (r.nextInt(4)) {
			case 0 -> {
				bb.putInt(at + 4, (int) v);
				what = "count";
			}
			case 1 -> {
				bb.putShort(at + 2, (short) (1 + r.nextInt(18)));
				what = "type";
			}
			default -> {
				if (type == 3 && bb.getInt(at + 4) == 1) bb.putShort(at + 8, (short) v);
				else bb.putInt(at + 8, (int) v);
				what = "value";
			}
		}
		return new Mutant(b, label + " " + tag + " (type " + type + ") " + what + " set to " + v, false);
	}

	private static Mutant ifdLoop(final byte[] seed, final Random r) {
		final List<Integer> e = entries(seed);
		if (e.isEmpty()) return flips(seed, r);
		final byte[] b = seed.clone();
		final ByteBuffer bb = ByteBuffer.wrap(b).order(b[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
		final int ifd = bb.getInt(4), n = bb.getShort(ifd) & 0xffff;
		final int next = ifd + 2 + 12 * n;
		if (next + 4 > b.length) return flips(seed, r);
		final int target = r.nextBoolean() ? ifd : r.nextInt(b.length);
		bb.putInt(next, target);
		return new Mutant(b, "next IFD pointer set to " + target + " (first IFD at " + ifd + ")", false);
	}

	private static final int[][] DICOM_TAGS = { { 0x0028, 0x0010 }, { 0x0028, 0x0011 }, { 0x0028, 0x0100 }, { 0x0028, 0x0101 },
		{ 0x0028, 0x0002 }, { 0x0028, 0x0103 }, { 0x0028, 0x0008 }, { 0x7fe0, 0x0010 }, { 0x0002, 0x0010 }, { 0x0028, 0x1052 },
		{ 0x0028, 0x1053 } };

	private static Mutant dicomTag(final byte[] seed, final Random r) {
		final int[] t = DICOM_TAGS[r.nextInt(DICOM_TAGS.length)];
		final byte[] pat = { (byte) t[0], (byte) (t[0] >> 8), (byte) t[1], (byte) (t[1] >> 8) };
		int at = -1;
		for (int i = 132; i + 12 < seed.length && at < 0; i++)
			if (seed[i] == pat[0] && seed[i + 1] == pat[1] && seed[i + 2] == pat[2] && seed[i + 3] == pat[3]) at = i;
		if (at < 0) return flips(seed, r);
		final byte[] b = seed.clone();
		final ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		final long v = EDGES[r.nextInt(EDGES.length)];
		final int field = r.nextBoolean() ? 4 : 8;
		if (field == 4 || t[0] == 0x7fe0) bb.putInt(at + field, (int) v);
		else bb.putShort(at + 8, (short) v);
		return new Mutant(b, String.format("DICOM (%04x,%04x) bytes +%d set to %d", t[0], t[1], field, v), false);
	}

	/** NaN/±Inf written over float32 samples of the pixel data (the seed's values otherwise kept). */
	private static Mutant specials(final byte[] seed, final Random r) {
		final byte[] b = seed.clone();
		final int data = FuzzTest.FLOAT_DATA_OFFSET, n = (b.length - data) / 4;
		final ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		final float[] specials = { Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY };
		final int k = 1 + r.nextInt(6);
		for (int i = 0; i < k; i++)
			bb.putFloat(data + 4 * r.nextInt(n), specials[r.nextInt(3)]);
		return new Mutant(b, k + " samples set to NaN/±Inf", true);
	}
}
