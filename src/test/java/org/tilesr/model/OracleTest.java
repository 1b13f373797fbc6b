package org.tilesr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;

import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tilesr.TestData;
import org.tilesr.core.TileBatch;

/**
 * The npm package ships its own outputs ({@code assets/samples/Nx/result.png} from {@code assets/fixture.png}); the
 * Java-block RRDN built from its TF.js weights must reproduce them within one 8-bit level.
 */
class OracleTest {

	@ParameterizedTest
	@ValueSource(ints = { 2, 4 })
	void reproducesUpscalerJsOutput(final int scale) throws Exception {
		final Path pkg = TestData.thickPackage();
		final TileBatch fixture = TestImages.readRgb(pkg.resolve("assets/fixture.png"));
		final TileBatch expected = TestImages.readRgb(pkg.resolve("assets/samples/" + scale + "x/result.png"));
		try (Model model = RrdnImport.fromTfjs(pkg.resolve("models/x" + scale + "/model.json"), thick(scale), Device.cpu());
			DjlUpscaler up = new DjlUpscaler(model, scale, new double[] { 0, 1 }))
		{
			final TileBatch out = up.upscale(fixture);
			assertEquals(fixture.height() * scale, out.height());
			final int diff = TestImages.maxLevelDifference(out, expected);
			System.out.println("oracle x" + scale + ": max difference " + diff + " level(s) of 255");
			assertTrue(diff <= 1, "x" + scale + " output differs from the package's result.png by " + diff + " levels");

			// Negative control: the same comparison must catch a wrong channel order.
			final TileBatch bgr = up.upscale(TestImages.swapRedBlue(fixture));
			final int wrong = TestImages.maxLevelDifference(bgr, expected);
			System.out.println("oracle x" + scale + " with BGR input: max difference " + wrong + " levels");
			assertTrue(wrong > 20, "the oracle did not notice swapped channels (max difference " + wrong + ")");
		}
	}

	static Rrdn thick(final int scale) {
		return new Rrdn(new Rrdn.Spec(scale, 10, 3, 4, 64, 32, 0.2f));
	}
}
