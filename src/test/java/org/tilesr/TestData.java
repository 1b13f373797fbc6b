package org.tilesr;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find their inputs: the repo, the npm packages fetched by Maven, and the optional ../shared/data. */
public final class TestData {

	private TestData() {}

	public static Path root() {
		return Path.of(System.getProperty("tilesr.root", ".")).toAbsolutePath().normalize();
	}

	public static Path cache() {
		return Path.of(System.getProperty("tilesr.cache", root().resolve(".cache").toString()));
	}

	/** The unpacked {@code @upscalerjs/esrgan-thick@1.0.0} package (Maven runs scripts/fetch-npm.sh first). */
	public static Path thickPackage() {
		final Path p = cache().resolve("npm/upscalerjs-esrgan-thick-1.0.0/package");
		assertTrue(Files.isDirectory(p), p + " is missing: run scripts/fetch-npm.sh");
		return p;
	}

	/** {@code ../shared/data}, or the test is skipped when this checkout has none (a user's fresh clone). */
	public static Path shared(final String relative) {
		final Path p = root().resolveSibling("shared").resolve("data").resolve(relative);
		if (System.getenv("CI") != null) assertTrue(Files.exists(p), "CI must have " + p);
		assumeTrue(Files.exists(p), p + " is absent: skipping a test on the shared real data");
		return p;
	}
}
