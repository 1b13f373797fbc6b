package org.tilesr.model;

import ai.djl.Device;
import ai.djl.Model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.tilesr.TileSRException;

/**
 * Rebuilds a bundled model's weights file from the npm package its card names ({@code source.npm},
 * {@code source.file}), reproducibly: the result's sha256 must equal the card's.
 */
public final class WeightsImport {

	private WeightsImport() {}

	/** The unpacked npm package folder for a spec like {@code @upscalerjs/esrgan-thick@1.0.0}. */
	public static Path packageDir(final Path npmCache, final String spec) {
		final int at = spec.lastIndexOf('@');
		if (at <= 0) throw new TileSRException("source.npm", "'" + spec + "' is not name@version");
		final String name = spec.substring(0, at).replaceFirst("^@", "").replace('/', '-');
		return npmCache.resolve(name + "-" + spec.substring(at + 1)).resolve("package");
	}

	/**
	 * Converts the card's TF.js source into its weights file and returns the file's sha256.
	 *
	 * @throws TileSRException when the package is missing or the result does not match the card's sha256
	 */
	public static String rebuild(final ModelCard card, final Path npmCache) throws IOException {
		final Object npm = card.source == null ? null : card.source.get("npm");
		final Object file = card.source == null ? null : card.source.get("file");
		if (npm == null || file == null)
			throw new TileSRException(card.folder().resolve(ModelCard.FILE), "source.npm and source.file are needed to rebuild weights");
		final Path json = packageDir(npmCache, npm.toString()).resolve(file.toString());
		if (!Files.isRegularFile(json))
			throw new TileSRException(json, "missing: fetch the npm package first (scripts/fetch-npm.sh)");
		final Path out = card.weightsFile();
		try (Model model = RrdnImport.fromTfjs(json, Models.architecture(card), Device.cpu())) {
			RrdnImport.save(model, out);
		}
		final String sha = Sha256.of(out);
		final String expected = card.weightsEntry().sha256;
		if (expected != null && !expected.isBlank() && !expected.equalsIgnoreCase(sha))
			throw new TileSRException(out, "rebuilt weights have sha256 " + sha + " but the model card says " + expected);
		return sha;
	}
}
