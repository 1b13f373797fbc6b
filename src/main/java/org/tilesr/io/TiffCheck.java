package org.tilesr.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.tilesr.TileSRException;

/**
 * Checks a TIFF's structure against its file length before any decoder sees it (ImageJ's, the JDK's, GDAL's):
 * the IFD chain has no loop and stays inside the file, every tag's values fit in the file, and the first image's
 * size and pixel-data blocks are consistent. Decoders trust these numbers: a tag count of 10⁹ or an IFD that points
 * to itself made them allocate without bound or loop forever. Reads only the header and IFDs.
 */
public final class TiffCheck {

	private static final int MAX_IFDS = 1 << 20;
	private static final int[] TYPE_SIZE = { 0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8 };

	private TiffCheck() {}

	/** Whether the file starts like a TIFF (classic or BigTIFF). */
	public static boolean isTiff(final Path file) {
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
			if (f.length() < 4) return false;
			final int a = f.read(), b = f.read(), c = f.read(), d = f.read();
			return a == 'I' && b == 'I' && (c == 42 || c == 43) && d == 0 || a == 'M' && b == 'M' && c == 0 && (d == 42 || d == 43);
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** Throws one line naming the file when its TIFF structure cannot be right; classic TIFF only (BigTIFF: header). */
	public static void check(final Path file) {
		try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
			final long length = f.length();
			if (length < 8) throw bad(file, "too short for a TIFF (" + length + " bytes)");
			final byte[] head = new byte[8];
			f.readFully(head);
			final ByteBuffer h = ByteBuffer.wrap(head).order(head[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
			if (h.getShort(2) == 43) return; // BigTIFF: GDAL checks it
			long ifd = h.getInt(4) & 0xffffffffL;
			final Set<Long> seen = new HashSet<>();
			boolean first = true;
			while (ifd != 0) {
				if (!seen.add(ifd)) throw bad(file, "its image directories form a loop (at byte " + ifd + ")");
				if (seen.size() > MAX_IFDS) throw bad(file, "more than " + MAX_IFDS + " image directories");
				if (ifd < 8 || ifd + 2 > length) throw bad(file, "an image directory at byte " + ifd + " is outside the file (" + length + " bytes)");
				final int n = read(f, ifd, 2, h.order()).getShort() & 0xffff;
				if (n == 0) throw bad(file, "an image directory at byte " + ifd + " has no entries");
				if (ifd + 2 + 12L * n + 4 > length) throw bad(file, "the image directory at byte " + ifd + " runs past the end of the file");
				final ByteBuffer e = read(f, ifd + 2, 12 * n + 4, h.order());
				final Image img = first ? new Image() : null;
				for (int i = 0; i < n; i++)
					entry(file, f, e, i * 12, length, img);
				if (first) img.check(file, length);
				first = false;
				ifd = e.getInt(12 * n) & 0xffffffffL;
			}
		}
		catch (final IOException e) {
			throw new TileSRException(file, "cannot read (" + TileSRException.why(e) + ")", e);
		}
	}

	private static void entry(final Path file, final RandomAccessFile f, final ByteBuffer e, final int at, final long length,
		final Image img) throws IOException
	{
		final int tag = e.getShort(at) & 0xffff, type = e.getShort(at + 2) & 0xffff;
		final long count = e.getInt(at + 4) & 0xffffffffL;
		final int size = type < TYPE_SIZE.length ? TYPE_SIZE[type] : 0;
		if (size == 0) return; // unknown types are skipped by readers; their counts are never used
		final long bytes = count * size;
		final long valueAt = bytes <= 4 ? -1 : e.getInt(at + 8) & 0xffffffffL;
		if (bytes > 4 && (valueAt + bytes > length))
			throw bad(file, "tag " + tag + " has " + count + " values that do not fit in the file (" + length + " bytes)");
		if (img == null) return; // later images (stack slices): their values fit, which is what decoders need
		switch (tag) {
			case 256 -> img.width = first(f, e, at, type, count, valueAt);
			case 257 -> img.height = first(f, e, at, type, count, valueAt);
			case 277 -> img.spp = first(f, e, at, type, count, valueAt);
			case 258 -> img.bits = first(f, e, at, type, count, valueAt);
			case 259 -> img.compression = first(f, e, at, type, count, valueAt);
			case 322 -> img.tileW = first(f, e, at, type, count, valueAt);
			case 323 -> img.tileH = first(f, e, at, type, count, valueAt);
			case 273, 324 -> img.blocks(f, e.order(), type, count, valueAt, at, e, true);
			case 279, 325 -> img.blocks(f, e.order(), type, count, valueAt, at, e, false);
			default -> {}
		}
	}

	private static long first(final RandomAccessFile f, final ByteBuffer e, final int at, final int type, final long count, final long valueAt)
		throws IOException
	{
		if (count == 0) return -1;
		final ByteBuffer v = valueAt < 0 ? e.duplicate().order(e.order()).position(at + 8) : read(f, valueAt, TYPE_SIZE[type], e.order());
		return switch (type) {
			case 1, 7 -> v.get() & 0xff;
			case 3 -> v.getShort() & 0xffff;
			case 4 -> v.getInt() & 0xffffffffL;
			case 6 -> v.get();
			case 8 -> v.getShort();
			case 9 -> v.getInt();
			default -> -1;
		};
	}

	/** What the first image's entries say about its size and blocks. */
	private static final class Image {
		long width = -1, height = -1, spp = 1, bits = 1, tileW = -1, tileH = -1, compression = 1;
		long[] offsets, counts;
		boolean many;

		void blocks(final RandomAccessFile f, final ByteOrder order, final int type, final long count, final long valueAt, final int at,
			final ByteBuffer e, final boolean isOffsets) throws IOException
		{
			if (type != 3 && type != 4 && type != 16) return;
			if (count > 1 << 24) { // the fit-in-file check bounded it already; very many blocks: left to the readers
				many = true;
				return;
			}
			final int size = TYPE_SIZE[type];
			final ByteBuffer v = valueAt < 0 ? e.duplicate().order(order).position(at + 8) : read(f, valueAt, (int) (count * size), order);
			final long[] out = new long[(int) count];
			for (int i = 0; i < count; i++)
				out[i] = type == 3 ? v.getShort() & 0xffff : type == 4 ? v.getInt() & 0xffffffffL : v.getLong();
			if (isOffsets) offsets = out;
			else counts = out;
		}

		void check(final Path file, final long length) {
			if (bits < 1 || bits > 64) throw bad(file, "BitsPerSample " + bits + " is not a sample size");
			if (tileW == 0 || tileH == 0 || tileW > Limits.MAX_SIDE || tileH > Limits.MAX_SIDE || (double) tileW * tileH * spp * bits > 8L << 30)
				throw bad(file, "tile size " + tileW + " x " + tileH + " is not usable");
			Limits.check(file, width, height, spp);
			if (many) return;
			if (offsets == null) throw bad(file, "no strip or tile offsets");
			if (counts != null && counts.length < offsets.length) throw bad(file, "fewer byte counts than strips or tiles");
			long sum = 0;
			for (int i = 0; i < offsets.length; i++) {
				final long c = counts == null ? 0 : counts[i];
				if (offsets[i] + c > length)
					throw bad(file, "strip or tile " + i + " (bytes " + offsets[i] + ".." + (offsets[i] + c) + ") is outside the file (" + length + " bytes)");
				sum += c;
			}
			// uncompressed strips hold every sample: fewer bytes mean the size or sample fields are wrong
			final double needed = Math.ceil(width * bits / 8.0) * height * spp;
			if (compression == 1 && counts != null && tileW < 0 && sum < needed)
				throw bad(file, "its uncompressed strips hold " + sum + " bytes, its size and samples need " + (long) needed);
		}
	}

	private static ByteBuffer read(final RandomAccessFile f, final long at, final int n, final ByteOrder order) throws IOException {
		final byte[] b = new byte[n];
		f.seek(at);
		f.readFully(b);
		return ByteBuffer.wrap(b).order(order);
	}

	private static TileSRException bad(final Path file, final String why) {
		return new TileSRException(file, "damaged TIFF: " + why);
	}
}
