package org.tilesr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a minimal uncompressed one-band TIFF with any BitsPerSample and SampleFormat, byte by byte, for layouts
 * no writer at hand makes (float16, int8, 12-bit). {@code samples} are the raw strip bytes, little-endian.
 */
public final class TinyTiff {

	private TinyTiff() {}

	public static Path write(final Path file, final int width, final int height, final int bits, final int format,
		final byte[] samples) throws IOException
	{
		final int[][] tags = { { 256, 3, width }, { 257, 3, height }, { 258, 3, bits }, { 259, 3, 1 }, { 262, 3, 1 },
			{ 273, 4, 0 }, { 277, 3, 1 }, { 278, 3, height }, { 279, 4, samples.length }, { 339, 3, format } };
		final int ifd = 8, dataStart = ifd + 2 + tags.length * 12 + 4;
		final ByteBuffer b = ByteBuffer.allocate(dataStart + samples.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
		b.putShort((short) tags.length);
		for (final int[] t : tags) {
			b.putShort((short) t[0]).putShort((short) t[1]).putInt(1);
			final int v = t[0] == 273 ? dataStart : t[2];
			if (t[1] == 3) b.putShort((short) v).putShort((short) 0);
			else b.putInt(v);
		}
		b.putInt(0);
		b.put(samples);
		return Files.write(file, b.array());
	}

	/** Little-endian float32 samples. */
	public static byte[] floats(final float... v) {
		final ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
		for (final float f : v)
			b.putFloat(f);
		return b.array();
	}
}
