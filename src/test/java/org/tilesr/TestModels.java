package org.tilesr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.tilesr.model.ModelCard;
import org.tilesr.model.ModelCatalog;
import org.tilesr.model.WeightsImport;

/**
 * The bundled generic models, rebuilt from the npm package into {@code target/test-models} once per test JVM (a
 * fresh clone has no weights files). Rebuilding also checks that the conversion reproduces the cards' sha256.
 */
public final class TestModels {

	private static Path folder;

	private TestModels() {}

	public static synchronized Path folder() {
		if (folder != null) return folder;
		final Path dir = TestData.root().resolve("target/test-models");
		try {
			for (final String id : new String[] { "esrgan-thick-x2", "esrgan-thick-x4" }) {
				final Path sub = dir.resolve(id);
				Files.createDirectories(sub);
				Files.copy(TestData.root().resolve("models").resolve(id).resolve(ModelCard.FILE), sub.resolve(ModelCard.FILE),
					StandardCopyOption.REPLACE_EXISTING);
				final ModelCard card = ModelCard.read(sub.resolve(ModelCard.FILE));
				if (Files.isRegularFile(card.weightsFile())) continue;
				final String sha = WeightsImport.rebuild(card, TestData.cache().resolve("npm"));
				assertEquals(card.weightsEntry().sha256, sha, id + " weights are not reproducible");
			}
		}
		catch (final IOException e) {
			throw new UncheckedIOException(e);
		}
		System.setProperty("tilesr.models", dir.toString());
		folder = dir;
		return dir;
	}

	public static ModelCatalog catalog() {
		return new ModelCatalog(java.util.List.of(folder()));
	}
}
