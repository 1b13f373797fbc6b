package org.tilesr.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.core.MemoryRaster;
import org.tilesr.core.PixelType;
import org.tilesr.core.Progress;
import org.tilesr.core.RasterInfo;
import org.tilesr.io.ImageJFiles;

/**
 * Network interpolation between the shipped fine-tuned CT/MRI model and the generic model it came from, on a real
 * MR crop through the engine: alpha 1 and 0 give the two models' outputs exactly, alpha 0.5 something in between.
 */
class InterpolationTest {

	private static final ModelCatalog CATALOG = new ModelCatalog(List.of(TestModels.folder(), TestData.root().resolve("models")));

	private static float[] enhance(final String model, final Double alpha) {
		final ij.ImagePlus mr = ImageJFiles.open(TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm"));
		final int n = 48;
		final float[] crop = new float[n * n];
		for (int y = 0; y < n; y++)
			for (int x = 0; x < n; x++) crop[y * n + x] = mr.getProcessor().getf(100 + x, 90 + y);
		final MemoryRaster in = new MemoryRaster(RasterInfo.of(n, n, 1, PixelType.UINT16, Double.NaN), new float[][] { crop });
		final int s = 4;
		final MemoryRaster out = new MemoryRaster(RasterInfo.of(n * s, n * s, 1, PixelType.UINT16, Double.NaN));
		try (Enhancer e = Enhancer.open(new EnhanceSettings().model(model).device("cpu").alpha(alpha), CATALOG, Progress.NONE)) {
			e.run(in, p -> out, null, Progress.NONE, new Cancel());
		}
		return out.band(0);
	}

	@Test
	void alphaOneAndZeroAreTheEndpointModelsExactly() {
		final ModelCard tuned = CATALOG.find("ct-mri-x4");
		assertEquals("esrgan-thick-x4", tuned.settings().interpolate_with);
		final float[] own = enhance("ct-mri-x4", null), generic = enhance("esrgan-thick-x4", null);
		assertArrayEquals(own, enhance("ct-mri-x4", 1.0), "alpha 1 is the fine-tuned model");
		assertArrayEquals(generic, enhance("ct-mri-x4", 0.0), "alpha 0 is the generic model");
		final float[] half = enhance("ct-mri-x4", 0.5);
		double dOwn = 0, dGeneric = 0, dEnds = 0;
		for (int i = 0; i < half.length; i++) {
			dOwn += Math.abs(half[i] - own[i]);
			dGeneric += Math.abs(half[i] - generic[i]);
			dEnds += Math.abs(own[i] - generic[i]);
		}
		assertTrue(dEnds > 0 && dOwn > 0 && dGeneric > 0, "the two models differ and 0.5 is neither");
		assertTrue(dOwn < dEnds && dGeneric < dEnds, "alpha 0.5 lies between the two: " + dOwn + ", " + dGeneric + " vs " + dEnds);
		final TileSRException e = assertThrows(TileSRException.class, () -> enhance("ct-mri-x4", 1.5));
		assertTrue(e.getMessage().contains("within 0..1"), e.getMessage());
	}
}
