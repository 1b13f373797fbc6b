package org.tilesr.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.tilesr.TileSRException;
import org.tilesr.model.ModelCard;

/**
 * The job's model folders (the model and the one it is blended with) as one zip, which Spark unpacks beside every
 * executor ({@code SparkContext.addArchive}), so executors need no TileSR installation of their own.
 */
final class ModelArchive {

	private ModelArchive() {}

	static Path write(final List<ModelCard> cards, final Path zip) {
		try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
			z.setLevel(1); // weights barely compress
			for (final ModelCard c : cards) {
				final Path dir = c.folder();
				try (Stream<Path> files = Files.walk(dir)) {
					for (final Path f : (Iterable<Path>) files::iterator) {
						if (!Files.isRegularFile(f)) continue;
						z.putNextEntry(new ZipEntry(c.id + "/" + dir.relativize(f).toString().replace('\\', '/')));
						Files.copy(f, z);
						z.closeEntry();
					}
				}
			}
		}
		catch (final IOException e) {
			throw new TileSRException(zip, "cannot write the model archive (" + TileSRException.why(e) + ")", e);
		}
		return zip;
	}
}
