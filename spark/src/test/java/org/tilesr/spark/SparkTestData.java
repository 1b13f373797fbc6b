package org.tilesr.spark;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Real inputs and the generic weights for the Spark tests: the repository's sample data, plus shared data when present. */
final class SparkTestData {

	private SparkTestData() {}

	/** A local Spark context as the tests use it: 2 cores, one task at a time with both, no web UI. */
	static org.apache.spark.api.java.JavaSparkContext local(final String app) {
		final org.apache.spark.api.java.JavaSparkContext sc = new org.apache.spark.api.java.JavaSparkContext(new org.apache.spark.SparkConf()
			.setMaster("local[2]").setAppName(app).set("spark.task.cpus", "2").set("spark.ui.enabled", "false"));
		sc.setLogLevel("WARN");
		return sc;
	}

	static Path root() {
		return Path.of(System.getProperty("tilesr.root", "..")).toAbsolutePath().normalize();
	}

	/**
	 * A folder with the generic x2 and x4 weights: the one the root build's tests rebuilt from npm
	 * (target/test-models), or models/ after ./tilesr setup.
	 */
	static Path models() {
		for (final Path d : List.of(root().resolve("target/test-models"), root().resolve("models")))
			if (Files.isRegularFile(d.resolve("esrgan-thick-x2/weights.params"))) return d;
		assumeTrue(false, "no generic weights: run the root build's tests or ./tilesr setup first");
		return null;
	}

	static Path sampleTiff() {
		return root().resolve("sample-data/landsat7-etm-6band/L7_ETMs.tif");
	}

	/** Real files copied into {@code dir}: the bundled MR slice and, when ../shared is there, small Landsat 8 bands. */
	static Path inputs(final Path dir) throws IOException {
		Files.createDirectories(dir);
		Files.copy(root().resolve("sample-data/mr-brain-pd/brain_010.dcm"), dir.resolve("brain_010.dcm"));
		final Path tiny = root().resolveSibling("shared/data/satellite/landsat8-oli-tiny");
		if (Files.isDirectory(tiny)) {
			try (Stream<Path> s = Files.list(tiny)) {
				for (final Path p : s.filter(p -> p.getFileName().toString().matches(".*_B[2-5]\\.TIF")).sorted().toList())
					Files.copy(p, dir.resolve(p.getFileName()));
			}
		}
		else Files.copy(root().resolve("sample-data/mr-brain-pd/brain_010.dcm"), dir.resolve("brain_010_copy.dcm"));
		return dir;
	}
}
