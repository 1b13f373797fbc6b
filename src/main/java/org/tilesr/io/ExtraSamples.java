package org.tilesr.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Adds ExtraSamples (tag 338, "unspecified") to an N-band gray TIFF written by the JDK, whose writer drops any
 * ExtraSamples that is not alpha. Without it libtiff (GDAL, rasterio, QGIS) warns on every open that SamplesPerPixel
 * does not match the photometric channels. The first IFD is copied to the end of the file with the tag added and
 * the header pointed at the copy; everything else stays where it is.
 */
final class ExtraSamples {

	private static final int TAG = 338;
	private static final short SHORT = 3;

	private ExtraSamples() {}

	static void add(final Path tiff, final int count) throws IOException {
		try (RandomAccessFile f = new RandomAccessFile(tiff.toFile(), "rw")) {
			final ByteBuffer head = read(f, 0, 8, ByteOrder.BIG_ENDIAN);
			final ByteOrder order = head.getShort(0) == 0x4949 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
			head.order(order);
			if (head.getShort(2) != 42) throw new IOException("not a classic TIFF");
			final long ifd = Integer.toUnsignedLong(head.getInt(4));
			final int n = read(f, ifd, 2, order).getShort(0) & 0xffff;
			final ByteBuffer entries = read(f, ifd + 2, 12 * n + 4, order);
			final byte[][] rows = new byte[n + 1][12];
			int k = 0;
			for (int i = 0; i < n; i++) {
				if ((entries.getShort(12 * i) & 0xffff) == TAG) continue; // replaced below
				entries.position(12 * i);
				entries.get(rows[k++]);
			}
			long end = (f.length() + 1) & ~1L; // word boundary
			final ByteBuffer entry = ByteBuffer.allocate(12).order(order);
			entry.putShort((short) TAG).putShort(SHORT).putInt(count);
			if (count <= 2) entry.putInt(0); // values fit in the entry: all 0 (unspecified)
			else {
				f.seek(end);
				f.write(new byte[2 * count]);
				entry.putInt((int) end);
				end = (end + 2L * count + 1) & ~1L;
			}
			rows[k++] = entry.array();
			final byte[][] sorted = Arrays.copyOf(rows, k);
			Arrays.sort(sorted, (a, b) -> Integer.compare(tag(a, order), tag(b, order)));
			final ByteBuffer out = ByteBuffer.allocate(2 + 12 * k + 4).order(order);
			out.putShort((short) k);
			for (final byte[] r : sorted)
				out.put(r);
			out.putInt(entries.getInt(12 * n)); // next IFD, unchanged
			f.seek(end);
			f.write(out.array());
			f.seek(4);
			f.write(ByteBuffer.allocate(4).order(order).putInt((int) end).array());
		}
	}

	private static int tag(final byte[] entry, final ByteOrder order) {
		return ByteBuffer.wrap(entry).order(order).getShort(0) & 0xffff;
	}

	private static ByteBuffer read(final RandomAccessFile f, final long at, final int size, final ByteOrder order) throws IOException {
		final byte[] b = new byte[size];
		f.seek(at);
		f.readFully(b);
		return ByteBuffer.wrap(b).order(order);
	}
}
