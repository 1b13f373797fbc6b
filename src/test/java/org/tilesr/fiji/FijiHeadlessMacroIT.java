package org.tilesr.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.Hosts;
import org.tilesr.Images;
import org.tilesr.TestData;
import org.tilesr.cli.EnhanceGeoTiffTest;

/**
 * IJ1 macros the way Fiji's {@code --headless} runs them (ij1-patcher's LegacyEnvironment, no display, Fiji's headless
 * GenericDialog), with TileSR and everything it needs coming only from an ImageJ folder installed by
 * scripts/install-fiji.sh: the runner's own class path is ImageJ, the patcher and {@link MacroRunner}, nothing of
 * TileSR's, and no property of TileSR's is set.
 */
class FijiHeadlessMacroIT {

	@TempDir
	static Path app;

	@BeforeAll
	static void install() throws Exception {
		Files.copy(Hosts.jar("ij-1."), app.resolve("ij.jar"));
		Hosts.install(app);
	}

	private static Hosts.Result macro(final String macro) throws Exception {
		final String runner = String.join(File.pathSeparator, app.resolve("ij.jar").toString(), Hosts.jar("ij1-patcher-").toString(),
			Hosts.jar("javassist-").toString(), TestData.root().resolve("target/test-classes").toString());
		return Hosts.run(app, Map.of(), null, 300, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
			"-Djava.awt.headless=true", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", runner, MacroRunner.class.getName(), macro,
			app.resolve("plugins").toString(), app.resolve("jars").toString());
	}

	@Test
	void oldMacroKeysStillWork() throws Exception {
		final Path in = TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm"), out = app.resolve("out/macro-x2.tif");
		final Hosts.Result r = macro("run(\"TileSR Enhance File\", \"input=[" + in + "] output=[" + out
			+ "] model=nearest-x2 scale=0 device=cpu tile=0 halo=-1 normalization=range low=0.1 high=99.9\");");
		assertTrue(Files.exists(out), "no output; the macro printed:\n" + r.lines());
		final ImagePlus src = Images.open(in), res = Images.open(out);
		assertEquals(512, res.getWidth());
		assertEquals(16, res.getBitDepth());
		assertEquals(src.getCalibration().pixelWidth / 2, res.getCalibration().pixelWidth, 1e-6, "TIFF stores 1/pixel size as a rational");
		assertEquals(src.getProcessor().getf(128, 90), res.getProcessor().getf(256, 180), 0);
	}

	@Test
	void aModelFolderAndTheWordsAutoAreAccepted() throws Exception {
		final Path in = TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm"), out = app.resolve("out/folder-x2.tif");
		final Hosts.Result r = macro("run(\"TileSR Enhance File\", \"input=[" + in + "] output=[" + out + "] model=[" + app.resolve("models/nearest-x2")
			+ "] scale=auto tile=64 halo=auto\");");
		assertTrue(Files.exists(out), "no output; the macro printed:\n" + r.lines());
		assertEquals(512, Images.open(out).getWidth());
	}

	@Test
	void openEnhanceAndSaveAGeoTiff() throws Exception {
		final Path in = TestData.root().resolve("sample-data/landsat7-etm-6band/L7_ETMs.tif"), out = app.resolve("out/L7_x2.tif");
		final Hosts.Result r = macro("run(\"TileSR Open GeoTIFF...\", \"open=[" + in + "]\");"
			+ "run(\"TileSR Enhance File\", \"model=nearest-x2 device=cpu\");"
			+ "run(\"TileSR Save GeoTIFF...\", \"save=[" + out + "]\");");
		assertTrue(Files.exists(out), "no output; the macro printed:\n" + r.lines());
		final var a = EnhanceGeoTiffTest.gdalinfo(in);
		final var b = EnhanceGeoTiffTest.gdalinfo(out);
		assertEquals(a.getAsJsonObject("coordinateSystem").get("wkt"), b.getAsJsonObject("coordinateSystem").get("wkt"));
		assertEquals(a.getAsJsonArray("geoTransform").get(1).getAsDouble() / 2, b.getAsJsonArray("geoTransform").get(1).getAsDouble(), 1e-9);
		assertEquals(a.getAsJsonArray("geoTransform").get(0).getAsDouble(), b.getAsJsonArray("geoTransform").get(0).getAsDouble(), 1e-6);
		assertEquals(6, b.getAsJsonArray("bands").size());
		assertEquals(2 * a.getAsJsonArray("size").get(0).getAsInt(), b.getAsJsonArray("size").get(0).getAsInt());
		assertEquals("nearest-x2", b.getAsJsonObject("metadata").getAsJsonObject("").get("tilesr.model").getAsString());
	}

	@Test
	void aFailingCallStopsTheMacro() throws Exception {
		final Path missing = app.resolve("missing.dcm"), out = app.resolve("out/none.tif");
		final Hosts.Result r = macro("run(\"TileSR Enhance File\", \"input=[" + missing + "] output=[" + out + "] model=nearest-x2\");"
			+ "print(\"the macro went on\");");
		assertTrue(r.output().contains("tilesr: " + missing + ": no such file\n"), r.lines());
		assertFalse(r.output().contains("the macro went on"), "the macro must stop:\n" + r.lines());
		assertFalse(Files.exists(out));
	}
}
