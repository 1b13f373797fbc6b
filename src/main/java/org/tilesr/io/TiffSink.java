package org.tilesr.io;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.plugins.tiff.BaselineTIFFTagSet;
import javax.imageio.plugins.tiff.TIFFDirectory;
import javax.imageio.plugins.tiff.TIFFField;
import javax.imageio.stream.ImageOutputStream;

import org.tilesr.TileSRException;
import org.tilesr.core.PixelType;
import org.tilesr.core.RasterSink;

/**
 * Streams a tiled, LZW-compressed (Geo)TIFF through the JDK's TIFF writer while rows arrive: the writer runs
 * on its own thread and pulls 256×256 tiles from a {@link StreamingImage} that blocks until the rows are there;
 * rows are kept as the output type and dropped once written, and producers wait when they run more than a tile row
 * ahead, so memory is about two tile rows × width. The file is
 * written under a temporary name and renamed on {@link #commit()}; {@link #close()} without commit deletes it.
 */
public final class TiffSink implements RasterSink {

	static final int TILE = 256;
	/** Pixel bytes above which a classic TIFF could overflow its 32-bit offsets even before compression. */
	static final long MAX_CLASSIC_TIFF = (1L << 32) - (64L << 20);

	private final Path out;
	private final Path tmp;
	private final boolean overwrite;
	private final int width;
	private final int height;
	private final int bands;
	private final PixelType type;
	private final Thread thread;
	private final Object lock = new Object();
	/** Per band, rows written so far (all bands are complete up to the minimum). */
	private final int[] written;
	/** Rows below this are written to the file and dropped. */
	private int consumed;
	private final List<Block> blocks = new ArrayList<>();
	private Throwable failure;
	private boolean aborted;
	private boolean committed;

	/** Rows of one band, stored as the output type: short for 8/16-bit, float for float32. */
	private record Block(int band, int y, int rows, short[] ints, float[] floats) {}

	/**
	 * @param metadata edits the writer's default TIFF metadata (GeoTIFF keys, GDAL tags), or null
	 */
	public TiffSink(final Path out, final boolean overwrite, final int width, final int height, final int bands,
		final PixelType type, final UnaryOperator<TIFFDirectory> metadata)
	{
		OutputFile.checkWritable(out, overwrite);
		final long raw = (long) width * height * bands * (type == PixelType.UINT8 ? 1 : type == PixelType.FLOAT32 ? 4 : 2);
		if (raw > MAX_CLASSIC_TIFF)
			throw new TileSRException(out, String.format(java.util.Locale.ROOT,
				"would hold %.1f GB of pixels; the pure-Java TIFF writer has no BigTIFF (4 GiB limit): use --backend gdal", raw / 1e9));
		this.out = out;
		this.overwrite = overwrite;
		this.width = width;
		this.height = height;
		this.bands = bands;
		this.type = type;
		this.written = new int[bands];
		this.tmp = OutputFile.temp(out, ".tmp");
		final StreamingImage image = new StreamingImage(width, height, TILE, sampleModel(), colorModel(), this::tile);
		this.thread = new Thread(() -> writeFile(image, metadata), "tilesr-tiff-writer");
		thread.setDaemon(true);
		thread.start();
	}

	private int dataType() {
		switch (type) {
			case UINT8: return DataBuffer.TYPE_BYTE;
			case UINT16: return DataBuffer.TYPE_USHORT;
			case INT16: return DataBuffer.TYPE_SHORT;
			case FLOAT32: return DataBuffer.TYPE_FLOAT;
			default: throw new IllegalArgumentException(type.toString());
		}
	}

	private SampleModel sampleModel() {
		final int[] offsets = new int[bands];
		for (int b = 0; b < bands; b++)
			offsets[b] = b;
		return new PixelInterleavedSampleModel(dataType(), TILE, TILE, bands, TILE * bands, offsets);
	}

	private ColorModel colorModel() {
		final ColorSpace cs = bands == 1 ? ColorSpace.getInstance(ColorSpace.CS_GRAY) : new BandSpace(bands);
		return new ComponentColorModel(cs, false, false, Transparency.OPAQUE, dataType());
	}

	private void writeFile(final StreamingImage image, final UnaryOperator<TIFFDirectory> edit) {
		final ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
		try {
			try (ImageOutputStream os = ImageIO.createImageOutputStream(tmp.toFile())) {
				writer.setOutput(os);
				final ImageWriteParam p = writer.getDefaultWriteParam();
				p.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
				p.setTiling(TILE, TILE, 0, 0);
				p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				// LZW, not Deflate: the JDK's TIFF Deflate encoder truncates tiles that do not compress (noisy 16-bit
				// data), which corrupts them (checked with JDK 17; see docs/io.md).
				p.setCompressionType("LZW");
				final IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image.getColorModel(), image.getSampleModel()), p);
				TIFFDirectory dir = TIFFDirectory.createFromMetadata(meta);
				// N bands are N gray samples, not RGB(A): BlackIsZero, like GDAL's multi-band GeoTIFFs.
				dir.addTIFFField(new TIFFField(BaselineTIFFTagSet.getInstance().getTag(BaselineTIFFTagSet.TAG_PHOTOMETRIC_INTERPRETATION),
					BaselineTIFFTagSet.PHOTOMETRIC_INTERPRETATION_BLACK_IS_ZERO));
				if (edit != null) dir = edit.apply(dir);
				writer.write(null, new IIOImage(image, null, dir.getAsMetadata()), p);
			}
			// N bands are one gray sample and N-1 extra samples; the JDK writer cannot say so itself.
			if (bands > 1) ExtraSamples.add(tmp, bands - 1);
		}
		catch (final Throwable e) {
			synchronized (lock) {
				if (failure == null) failure = e;
				lock.notifyAll();
			}
		}
		finally {
			writer.dispose();
		}
	}

	@Override
	public boolean interleaved() {
		return true;
	}

	@Override
	public void write(final int band, final int y, final int rows, final float[] data) {
		synchronized (lock) {
			if (y != written[band]) throw new IllegalStateException("band " + band + ": rows from " + y + ", expected " + written[band]);
			while (y - consumed > TILE && failure == null && !aborted)
				waitLock();
			check();
			if (type == PixelType.FLOAT32) blocks.add(new Block(band, y, rows, null, data.clone()));
			else {
				final short[] v = new short[rows * width];
				for (int i = 0; i < v.length; i++)
					v[i] = (short) (int) data[i];
				blocks.add(new Block(band, y, rows, v, null));
			}
			written[band] = y + rows;
			lock.notifyAll();
		}
	}

	/** Called by the writer thread for each TIFF tile, in row-major order. */
	private Raster tile(final Rectangle r) {
		final int end = Math.min(height, r.y + r.height);
		final WritableRaster raster = Raster.createWritableRaster(sampleModel().createCompatibleSampleModel(r.width, r.height),
			new Point(r.x, r.y));
		synchronized (lock) {
			// Rows above this tile row are all written: drop them first, so producers may go on while we wait.
			if (r.y > consumed) {
				consumed = r.y;
				blocks.removeIf(b -> b.y + b.rows <= consumed);
				lock.notifyAll();
			}
			while (min(written) < end && !aborted)
				waitLock();
			if (aborted) throw new IllegalStateException("aborted");
			final int xb = Math.min(width, r.x + r.width);
			final float[] row = new float[xb - r.x];
			final int[] ints = new int[xb - r.x];
			final int mask = type == PixelType.INT16 ? -1 : type == PixelType.UINT8 ? 0xff : 0xffff;
			for (final Block b : blocks) {
				final int ya = Math.max(b.y, r.y), yb = Math.min(b.y + b.rows, end);
				for (int y = ya; y < yb; y++) {
					final int off = (y - b.y) * width + r.x;
					if (b.floats != null) {
						System.arraycopy(b.floats, off, row, 0, row.length);
						raster.setSamples(r.x, y, row.length, 1, b.band, row);
					}
					else {
						for (int i = 0; i < ints.length; i++)
							ints[i] = b.ints[off + i] & mask;
						raster.setSamples(r.x, y, ints.length, 1, b.band, ints);
					}
				}
			}
		}
		return raster;
	}

	private static int min(final int[] v) {
		int m = Integer.MAX_VALUE;
		for (final int x : v)
			m = Math.min(m, x);
		return m;
	}

	private void waitLock() {
		try {
			lock.wait(200);
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted");
		}
	}

	private void check() {
		if (failure != null) throw new TileSRException(out, "cannot write TIFF (" + TileSRException.why(failure) + ")", failure);
		if (aborted) throw new IllegalStateException("sink closed");
	}

	@Override
	public void commit() {
		synchronized (lock) {
			for (int b = 0; b < bands; b++)
				if (written[b] != height) throw new IllegalStateException("band " + b + " has " + written[b] + " of " + height + " rows");
		}
		join();
		synchronized (lock) {
			check();
		}
		OutputFile.publish(tmp, out, overwrite);
		committed = true;
	}

	private void join() {
		try {
			thread.join();
		}
		catch (final InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (committed) return;
		synchronized (lock) {
			aborted = true;
			lock.notifyAll();
		}
		join();
		OutputFile.discard(tmp);
	}

	/** A colour space of N generic components, so the TIFF writer accepts N-band images. */
	private static final class BandSpace extends ColorSpace {
		private static final long serialVersionUID = 1L;

		BandSpace(final int n) {
			super(n <= 15 && n >= 2 ? ColorSpace.TYPE_2CLR + n - 2 : ColorSpace.TYPE_FCLR, n);
		}

		@Override
		public float[] toRGB(final float[] v) {
			return new float[] { v[0], v[0], v[0] };
		}

		@Override
		public float[] fromRGB(final float[] rgb) {
			return new float[getNumComponents()];
		}

		@Override
		public float[] toCIEXYZ(final float[] v) {
			return new float[] { v[0], v[0], v[0] };
		}

		@Override
		public float[] fromCIEXYZ(final float[] xyz) {
			return new float[getNumComponents()];
		}
	}
}
