package org.tilesr.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;

import org.tilesr.TileSRException;

/**
 * Decodes TIFF tiles or strips itself, for what the JDK's reader refuses: 16-bit data with the horizontal
 * predictor (PREDICTOR=2, which GDAL writes often), Deflate or LZW compressed, chunky or planar. Decoded blocks
 * are cached (a few tile rows), so reading a window band after band decodes it once.
 */
final class TiffBlocks {

	private static final int CACHE = 256;

	private final Path file;
	private final RandomAccessFile raf;
	private final ByteOrder order;
	private final int width, height, spp, bits, blockW, blockH, compression, predictor;
	private final boolean planar;
	private final boolean signed;
	private final long[] offsets;
	private final long[] counts;
	private final int across, down;
	private final Map<Integer, short[]> cache = new LinkedHashMap<>(16, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(final Map.Entry<Integer, short[]> e) {
			return size() > CACHE;
		}
	};

	TiffBlocks(final Path file, final TIFFDirectory dir) throws IOException {
		this.file = file;
		this.width = intField(dir, BaselineTIFFTagSet.TAG_IMAGE_WIDTH, 0);
		this.height = intField(dir, BaselineTIFFTagSet.TAG_IMAGE_LENGTH, 0);
		this.spp = intField(dir, BaselineTIFFTagSet.TAG_SAMPLES_PER_PIXEL, 1);
		this.bits = intField(dir, BaselineTIFFTagSet.TAG_BITS_PER_SAMPLE, 1);
		this.compression = intField(dir, BaselineTIFFTagSet.TAG_COMPRESSION, 1);
		this.predictor = intField(dir, BaselineTIFFTagSet.TAG_PREDICTOR, 1);
		this.planar = intField(dir, BaselineTIFFTagSet.TAG_PLANAR_CONFIGURATION, 1) == 2;
		this.signed = intField(dir, BaselineTIFFTagSet.TAG_SAMPLE_FORMAT, 1) == 2;
		if (bits != 16) throw new TileSRException(file, "own TIFF decoding is for 16-bit samples, not " + bits + "-bit");
		if (compression != 1 && compression != 5 && compression != 8 && compression != 32946)
			throw new TileSRException(file, "TIFF compression " + compression + " is not supported by the pure-Java path: use the GDAL backend");
		if (predictor != 1 && predictor != 2)
			throw new TileSRException(file, "TIFF predictor " + predictor + " is not supported by the pure-Java path: use the GDAL backend");
		final boolean tiled = dir.getTIFFField(BaselineTIFFTagSet.TAG_TILE_WIDTH) != null;
		this.blockW = tiled ? intField(dir, BaselineTIFFTagSet.TAG_TILE_WIDTH, 0) : width;
		this.blockH = tiled ? intField(dir, BaselineTIFFTagSet.TAG_TILE_LENGTH, 0)
			: Math.min(height, intField(dir, BaselineTIFFTagSet.TAG_ROWS_PER_STRIP, height));
		this.offsets = longs(dir.getTIFFField(tiled ? BaselineTIFFTagSet.TAG_TILE_OFFSETS : BaselineTIFFTagSet.TAG_STRIP_OFFSETS));
		this.counts = longs(dir.getTIFFField(tiled ? BaselineTIFFTagSet.TAG_TILE_BYTE_COUNTS : BaselineTIFFTagSet.TAG_STRIP_BYTE_COUNTS));
		this.across = (width + blockW - 1) / blockW;
		this.down = (height + blockH - 1) / blockH;
		this.raf = new RandomAccessFile(file.toFile(), "r");
		final byte[] head = new byte[2];
		raf.readFully(head);
		this.order = head[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
	}

	private static int intField(final TIFFDirectory dir, final int tag, final int dflt) {
		final TIFFField f = dir.getTIFFField(tag);
		return f == null ? dflt : f.getAsInt(0);
	}

	private static long[] longs(final TIFFField f) {
		final long[] v = new long[f.getCount()];
		for (int i = 0; i < v.length; i++)
			v[i] = f.getAsLong(i);
		return v;
	}

	/** Reads a window of one band into {@code dst}. */
	void read(final int band, final int x, final int y, final int w, final int h, final float[] dst) throws IOException {
		final int stride = planar ? 1 : spp, sample = planar ? 0 : band;
		for (int by = y / blockH; by <= (y + h - 1) / blockH; by++)
			for (int bx = x / blockW; bx <= (x + w - 1) / blockW; bx++) {
				final short[] block = block((planar ? band * across * down : 0) + by * across + bx, stride);
				final int ya = Math.max(y, by * blockH), yb = Math.min(y + h, Math.min(height, (by + 1) * blockH));
				final int xa = Math.max(x, bx * blockW), xb = Math.min(x + w, Math.min(width, (bx + 1) * blockW));
				for (int yy = ya; yy < yb; yy++) {
					final int row = ((yy - by * blockH) * blockW) * stride + sample;
					for (int xx = xa; xx < xb; xx++) {
						final short v = block[row + (xx - bx * blockW) * stride];
						dst[(yy - y) * w + xx - x] = signed ? v : v & 0xffff;
					}
				}
			}
	}

	private short[] block(final int index, final int stride) throws IOException {
		final short[] hit = cache.get(index);
		if (hit != null) return hit;
		final byte[] raw = new byte[(int) counts[index]];
		raf.seek(offsets[index]);
		raf.readFully(raw);
		final int bytes = blockW * blockH * stride * 2;
		final byte[] plain;
		switch (compression) {
			case 1: plain = raw; break;
			case 5: plain = Lzw.decode(raw, bytes); break;
			default: plain = inflate(raw, bytes); break;
		}
		final short[] v = new short[blockW * blockH * stride];
		ByteBuffer.wrap(plain, 0, Math.min(plain.length, bytes)).order(order).asShortBuffer().get(v, 0, Math.min(v.length, plain.length / 2));
		if (predictor == 2)
			for (int r = 0; r < blockH; r++) {
				final int o = r * blockW * stride;
				for (int i = stride; i < blockW * stride; i++)
					v[o + i] += v[o + i - stride];
			}
		cache.put(index, v);
		return v;
	}

	private byte[] inflate(final byte[] raw, final int bytes) {
		final Inflater inf = new Inflater();
		try {
			inf.setInput(raw);
			final byte[] out = new byte[bytes];
			int n = 0;
			while (n < bytes && !inf.finished()) {
				final int k = inf.inflate(out, n, bytes - n);
				if (k == 0 && (inf.needsInput() || inf.needsDictionary())) break;
				n += k;
			}
			return out;
		}
		catch (final DataFormatException e) {
			throw new TileSRException(file, "corrupt Deflate data (" + TileSRException.why(e) + ")", e);
		}
		finally {
			inf.end();
		}
	}

	void close() throws IOException {
		raf.close();
	}
}
