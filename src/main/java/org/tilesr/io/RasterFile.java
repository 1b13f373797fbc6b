package org.tilesr.io;

import ij.ImagePlus;

import java.nio.file.Path;
import java.util.Map;

import org.tilesr.core.RasterInfo;
import org.tilesr.core.RasterSink;
import org.tilesr.core.RasterSource;

/**
 * A raster file opened for reading: which reader it goes to is decided here (by {@link Rasters#backend}), and the
 * file makes the matching sink for its enhanced version, {@code scale} times larger, with its own metadata scaled
 * (GeoTIFF georeferencing, GDAL metadata and band names, ImageJ calibration and DICOM header) and the provenance
 * added. Every caller that opens a raster file goes through here.
 */
public abstract class RasterFile implements AutoCloseable {

	private final String backend;
	private final RasterSource source;
	private final java.util.function.Supplier<RasterMetadata> metadata;

	private RasterFile(final String backend, final RasterSource source, final java.util.function.Supplier<RasterMetadata> metadata) {
		this.backend = backend;
		this.source = source;
		this.metadata = metadata;
	}

	/**
	 * Opens a file (structure checked first) with the reader {@link Rasters#backend} chooses.
	 *
	 * @param backend auto, gdal or java
	 * @param cog whether enhanced outputs are to be Cloud-Optimized GeoTIFFs (GDAL only)
	 */
	public static RasterFile open(final Path file, final String backend, final boolean cog) {
		switch (Rasters.backend(file, backend, cog)) {
			case "gdal": return new Gdal(new GdalSource(file), cog);
			case "java": return new Tiff(new TiffSource(file));
			default: {
				final ImagePlus imp = ImageJFiles.open(file);
				return new ImageJ(imp, new ImagePlusSource(imp, file));
			}
		}
	}

	/** imagej, gdal or java. */
	public String backend() {
		return backend;
	}

	public RasterSource source() {
		return source;
	}

	/** The file's metadata (georeferencing, band names, calibration, DICOM header) in TileSR's one model. */
	public RasterMetadata describe() {
		return metadata.get();
	}

	/** The GeoTIFF keys as stored, for writing them back unchanged (pure-Java TIFF reader only; else null). */
	public GeoTiff.Keys geoKeys() {
		return null;
	}

	/**
	 * The sink of {@code out}, this raster {@code scale} times larger: its type and band count, its metadata scaled,
	 * {@code provenance} added. The caller commits and closes it.
	 */
	public abstract RasterSink sink(Path out, boolean overwrite, int scale, Map<String, String> provenance);

	@Override
	public void close() {
		source().close();
	}

	private static final class Gdal extends RasterFile {
		private final GdalSource src;
		private final boolean cog;

		Gdal(final GdalSource src, final boolean cog) {
			super("gdal", src, src::describe);
			this.src = src;
			this.cog = cog;
		}

		@Override
		public RasterSink sink(final Path out, final boolean overwrite, final int scale, final Map<String, String> provenance) {
			return new GdalSink(out, overwrite, cog, src.info(), scale, src.describe().scaled(scale).withItems(provenance));
		}
	}

	private static final class Tiff extends RasterFile {
		private final TiffSource src;

		Tiff(final TiffSource src) {
			super("java", src, src::describe);
			this.src = src;
		}

		@Override
		public GeoTiff.Keys geoKeys() {
			return GeoTiff.Keys.of(src.directory());
		}

		@Override
		public RasterSink sink(final Path out, final boolean overwrite, final int scale, final Map<String, String> provenance) {
			final RasterInfo i = src.info();
			return new TiffSink(out, overwrite, i.width() * scale, i.height() * scale, i.bands(), i.type(),
				dir -> GeoTiff.carry(src.directory(), dir, scale, provenance));
		}
	}

	/** DICOM files and series, ImageJ TIFFs: read whole through ImageJ, written as an ImageJ TIFF. */
	private static final class ImageJ extends RasterFile {
		private final ImagePlus imp;
		private final ImagePlusSource src;

		ImageJ(final ImagePlus imp, final ImagePlusSource src) {
			super("imagej", src, src::describe);
			this.imp = imp;
			this.src = src;
		}

		@Override
		public RasterSink sink(final Path out, final boolean overwrite, final int scale, final Map<String, String> provenance) {
			final ImagePlusSink image = enhanced(imp, scale, src.info());
			return new RasterSink() {
				@Override
				public boolean interleaved() {
					return image.interleaved();
				}

				@Override
				public void write(final int band, final int y, final int rows, final float[] data) {
					image.write(band, y, rows, data);
				}

				@Override
				public void commit() {
					image.commit();
					final ImagePlus res = image.image();
					ImageJMetadata.scaled(imp, res, scale, provenance);
					ImageJFiles.saveTiff(res, out, overwrite);
				}

				@Override
				public void close() {
					image.close();
				}
			};
		}
	}

	/** The sink of an ImageJ image's enhanced version, in memory: same type and planes, titled after it. */
	public static ImagePlusSink enhanced(final ImagePlus in, final int scale, final RasterInfo info) {
		final String t = in.getTitle() == null ? "image" : in.getTitle().replaceFirst("\\.[A-Za-z0-9]+$", "");
		return new ImagePlusSink(t + "-tilesr", in.getWidth() * scale, in.getHeight() * scale, in.getStackSize(), info.type());
	}
}
