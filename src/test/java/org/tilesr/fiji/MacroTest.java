package org.tilesr.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.Images;
import org.tilesr.TestData;

/**
 * A real IJ1 macro calls the IJ1 command registered by plugins.config, headless, through ij1-patcher's
 * LegacyEnvironment (what Fiji's --headless uses), in its own JVM; the test asserts on the written file.
 */
class MacroTest {

	@TempDir
	Path tmp;

	/** A plugin jar as IJ1 wants it: an underscore in its name and plugins.config at its root. */
	private Path pluginJar() throws Exception {
		final Path jar = tmp.resolve("TileSR_test_.jar");
		final Path classes = TestData.root().resolve("target/classes");
		try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os); Stream<Path> all = Files.walk(classes)) {
			for (final Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
				j.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
				j.write(Files.readAllBytes(p));
				j.closeEntry();
			}
		}
		assertTrue(Files.exists(TestData.root().resolve("target/classes/plugins.config")), "plugins.config is packaged");
		return jar;
	}

	private String runMacro(final String macro) throws Exception {
		final List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.awt.headless=true", "--add-opens=java.base/java.lang=ALL-UNNAMED",
			"-Dtilesr.models=" + TestData.root().resolve("models"), "-Dai.djl.offline=true",
			"-DDJL_CACHE_DIR=" + TestData.cache().resolve("djl"), "-DENGINE_CACHE_DIR=" + TestData.cache().resolve("djl"),
			"-Djava.util.prefs.userRoot=" + tmp.resolve("prefs"), "-cp", System.getProperty("java.class.path"),
			MacroRunner.class.getName(), macro, pluginJar().toString()));
		// Like Fiji's jars/ folder: the plugin's dependencies (DJL, gson, ...) on the plugin class path, ImageJ itself not.
		for (final String entry : classPath())
			if (!new File(entry).getName().matches("ij-\\d.*") && !entry.endsWith("classes")) cmd.add(entry);
		final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
		final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertTrue(p.waitFor(300, TimeUnit.SECONDS), "macro timed out");
		return out;
	}

	/** This JVM's class path; Surefire may pass it as the Class-Path of a manifest-only jar. */
	static List<String> classPath() throws java.io.IOException {
		final List<String> out = new ArrayList<>();
		for (final String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
			if (e.endsWith(".jar") && new File(e).getName().startsWith("surefire")) {
				try (java.util.jar.JarFile j = new java.util.jar.JarFile(e)) {
					final String cp = j.getManifest().getMainAttributes().getValue("Class-Path");
					if (cp != null) for (final String u : cp.trim().split("\\s+"))
						out.add(new File(java.net.URI.create(u)).getPath());
				}
			}
			else out.add(e);
		}
		return out;
	}

	@Test
	void ij1MacroEnhancesARealScanHeadless() throws Exception {
		final Path in = TestData.shared("medical/mr-brain-pd/brain_010.dcm");
		final Path out = tmp.resolve("macro-x2.tif");
		final String log = runMacro("run(\"TileSR Enhance File\", \"input=[" + in + "] output=[" + out
			+ "] model=nearest-x2 device=cpu tile=0 halo=-1 normalization=range low=0.1 high=99.9\");");
		assertTrue(Files.exists(out), "no output; the macro printed:\n" + log);
		final ImagePlus src = Images.open(in), res = Images.open(out);
		assertEquals(512, res.getWidth());
		assertEquals(16, res.getBitDepth());
		assertEquals(src.getCalibration().pixelWidth / 2, res.getCalibration().pixelWidth, 1e-6);
		assertEquals(src.getProcessor().getf(128, 90), res.getProcessor().getf(256, 180), 0);
	}

	@Test
	void badInputInAMacroIsOneLineAndNoOutput() throws Exception {
		final Path out = tmp.resolve("none.tif");
		final String log = runMacro("run(\"TileSR Enhance File\", \"input=[" + tmp.resolve("missing.dcm") + "] output=[" + out
			+ "] model=nearest-x2\");");
		assertFalse(Files.exists(out));
		assertTrue(log.contains("tilesr: " + tmp.resolve("missing.dcm") + ": no such file"), log);
	}

	@Test
	void ij1MacroOpensEnhancesAndSavesAGeoTiff() throws Exception {
		final Path in = TestData.shared("satellite/landsat7-etm-6band/L7_ETMs.tif");
		final Path out = tmp.resolve("L7_x2.tif");
		final String log = runMacro("run(\"TileSR Open GeoTIFF...\", \"open=[" + in + "]\");"
			+ "run(\"TileSR Enhance File\", \"model=nearest-x2 device=cpu\");"
			+ "run(\"TileSR Save GeoTIFF...\", \"save=[" + out + "]\");");
		assertTrue(Files.exists(out), "no output; the macro printed:\n" + log);
		final var a = org.tilesr.cli.EnhanceGeoTiffTest.gdalinfo(in);
		final var b = org.tilesr.cli.EnhanceGeoTiffTest.gdalinfo(out);
		assertEquals(a.getAsJsonObject("coordinateSystem").get("wkt"), b.getAsJsonObject("coordinateSystem").get("wkt"));
		assertEquals(a.getAsJsonArray("geoTransform").get(1).getAsDouble() / 2, b.getAsJsonArray("geoTransform").get(1).getAsDouble(), 1e-9);
		assertEquals(a.getAsJsonArray("geoTransform").get(0).getAsDouble(), b.getAsJsonArray("geoTransform").get(0).getAsDouble(), 1e-6);
		assertEquals(6, b.getAsJsonArray("bands").size());
		assertEquals(2 * a.getAsJsonArray("size").get(0).getAsInt(), b.getAsJsonArray("size").get(0).getAsInt());
		assertEquals("nearest-x2", b.getAsJsonObject("metadata").getAsJsonObject("").get("tilesr.model").getAsString());
	}
}
