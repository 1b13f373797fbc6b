package org.tilesr.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

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
 * The docs' macros through a real ImageJ 1.x launcher: Debian's {@code imagej} (ImageJ 1.53t, its own ij.jar) under
 * {@code xvfb-run} (ImageJ 1.x runs no command without a display), with TileSR installed into {@code ~/.imagej} by
 * {@code scripts/install-fiji.sh} as docs/fiji.md says, a fresh HOME, and nothing else: no property, no class path.
 * Debian's wrapper always exits 1, so the tests read what ImageJ printed and the files it wrote.
 */
class ImageJLauncherIT {

	@TempDir
	static Path home;

	private static Path imagej;

	@BeforeAll
	static void install() throws Exception {
		imagej = Hosts.program("/usr/bin/imagej", "Debian's imagej package");
		Hosts.program("/usr/bin/xvfb-run", "xvfb and xauth");
		Hosts.install(home.resolve(".imagej"));
	}

	/** {@code xvfb-run -a imagej -b macro.ijm}, as a user would type it, under {@code umask}. */
	private static Hosts.Result macro(final String macro, final String umask) throws Exception {
		final Path file = Files.createTempFile(home, "macro", ".ijm");
		Files.writeString(file, macro);
		return Hosts.run(home, Map.of("HOME", home.toString()), umask, 300, "xvfb-run", "-a", imagej.toString(), "-b", file.toString());
	}

	@Test
	void docsMacroEnhancesADicomFileWithTheGenericModel() throws Exception {
		final Path in = TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm"), out = home.resolve("out/brain_010_x4.tif");
		final Hosts.Result r = macro("run(\"TileSR Enhance File\", \"input=[" + in + "] output=[" + out
			+ "] model=esrgan-thick-x4 device=auto tile=auto halo=auto normalization=range low=0.1 high=99.9\");\n", "022");
		assertTrue(Files.exists(out), "no output; ImageJ printed:\n" + r.lines());
		assertTrue(r.output().contains("model=esrgan-thick-x4 scale=4 device=cpu() engine=PyTorch"), r.lines());
		final ImagePlus src = Images.open(in), res = Images.open(out);
		assertEquals(1024, res.getWidth());
		assertEquals(1024, res.getHeight());
		assertEquals(16, res.getBitDepth());
		assertEquals(src.getCalibration().pixelWidth / 4, res.getCalibration().pixelWidth, 1e-6, "TIFF stores 1/pixel size as a rational");
		assertTrue(res.getInfoProperty().contains("0028,0010  Rows: 1024\n"), "DICOM Rows follow the image");
		assertTrue(res.getInfoProperty().contains("tilesr.model = esrgan-thick-x4"), "provenance");
		assertEquals("rw-r--r--", Hosts.mode(out), "umask 022");
	}

	@Test
	void docsGeoTiffMacroKeepsTheGeoreferencingWithoutGdal() throws Exception {
		final Path in = TestData.root().resolve("sample-data/landsat7-etm-6band/L7_ETMs.tif"), out = home.resolve("out/L7_ETMs_x2.tif");
		final Hosts.Result r = macro("run(\"TileSR Open GeoTIFF...\", \"open=[" + in + "]\");\n"
			+ "run(\"TileSR Enhance File\", \"model=nearest-x2 device=auto\");\n"
			+ "run(\"TileSR Save GeoTIFF...\", \"save=[" + out + "]\");\n", "027");
		assertTrue(Files.exists(out), "no output; ImageJ printed:\n" + r.lines());
		// No GDAL JNI on this launcher's java.library.path: one line says so, no stack trace.
		assertTrue(r.output().contains("TileSR: GDAL backend not available: libgdalalljni.so is not on java.library.path"), r.lines());
		assertFalse(r.output().contains("Native library load failed") || r.output().contains("\tat "), r.lines());
		final var a = EnhanceGeoTiffTest.gdalinfo(in);
		final var b = EnhanceGeoTiffTest.gdalinfo(out);
		assertEquals(a.getAsJsonObject("coordinateSystem").get("wkt"), b.getAsJsonObject("coordinateSystem").get("wkt"));
		assertEquals(a.getAsJsonArray("geoTransform").get(0).getAsDouble(), b.getAsJsonArray("geoTransform").get(0).getAsDouble(), 1e-6);
		assertEquals(a.getAsJsonArray("geoTransform").get(1).getAsDouble() / 2, b.getAsJsonArray("geoTransform").get(1).getAsDouble(), 1e-9);
		assertEquals(2 * a.getAsJsonArray("size").get(0).getAsInt(), b.getAsJsonArray("size").get(0).getAsInt());
		assertEquals(6, b.getAsJsonArray("bands").size());
		assertEquals("", b.get("stderr").getAsString(), "GDAL reads the file without warnings");
		assertEquals("rw-r-----", Hosts.mode(out), "umask 027");
	}

	@Test
	void aFailingCallStopsTheMacroWithOneLineBeforeLoadingTheModel() throws Exception {
		final Path missing = home.resolve("missing.dcm"), out = home.resolve("out/none.tif");
		final Hosts.Result r = macro("run(\"TileSR Enhance File\", \"input=[" + missing + "] output=[" + out + "] model=esrgan-thick-x4\");\n"
			+ "print(\"the macro went on\");\n", null);
		assertTrue(r.output().contains("tilesr: " + missing + ": no such file\n"), r.lines());
		assertFalse(r.output().contains("the macro went on"), "the macro must stop:\n" + r.lines());
		assertFalse(r.output().contains("engine=PyTorch"), "the input is checked before the model loads:\n" + r.lines());
		assertFalse(Files.exists(out));
	}

	@Test
	void theDialogOffersTheInstalledModelsBrowseButtonsAndWords() throws Exception {
		final String cp = String.join(java.io.File.pathSeparator, "/usr/share/java/ij.jar", home.resolve(".imagej/plugins/TileSR_.jar").toString(),
			home.resolve(".imagej/jars") + "/*", TestData.root().resolve("target/test-classes").toString());
		final Hosts.Result r = Hosts.run(home, Map.of("HOME", home.toString()), null, 120, "xvfb-run", "-a",
			Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp, DialogProbe.class.getName());
		assertEquals(0, r.status(), r.lines());
		final String ids = String.join(",", new org.tilesr.model.ModelCatalog(java.util.List.of(home.resolve(".imagej/models"))).cards().keySet());
		assertTrue(ids.contains("esrgan-thick-x4") && ids.contains("ct-mri-x4"), ids);
		assertTrue(r.output().contains("choice: " + ids + " (selected esrgan-thick-x4)\n"), "the model choice lists the installed cards:\n" + r.lines());
		assertEquals(2, r.output().split("button: Browse", -1).length - 1, "input and output have Browse buttons:\n" + r.lines());
		assertEquals(3, r.output().split("text: auto\n", -1).length - 1, "scale, tile and halo say auto:\n" + r.lines());
		assertTrue(r.output().contains("label: Tile (input pixels, auto = the model's)"), r.lines());
	}

	@Test
	void anUnknownModelNamesTheFoldersSearched() throws Exception {
		final Path in = TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm");
		final Hosts.Result r = macro("run(\"TileSR Enhance File\", \"input=[" + in + "] output=[" + home.resolve("x.tif") + "] model=no-such-x4\");\n", null);
		assertTrue(r.output().contains("tilesr: model: no model 'no-such-x4'; searched [" + home.resolve(".imagej/models")), r.lines());
	}
}
