package org.tilesr.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.tilesr.TestData;
import org.tilesr.core.Cancel;
import org.tilesr.core.NormalizationSpec;

/** Training windows: scenes drawn evenly, fill never drawn, the eight flips/rotations are what they say. */
class TrainingDataTest {

	@Test
	void scenesAreDrawnEvenlyNotByArea() {
		// One MR slice (1 plane of 128²) and a 6-band Landsat 7 scene (6 planes of 87x88): by area Landsat would win 2:1.
		final TrainingData d = TrainingData.load(List.of(TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm"),
			TestData.root().resolve("sample-data/landsat7-etm-6band/L7_ETMs.tif")), 2, NormalizationSpec.range(), 0, 0, false, new Cancel());
		assertEquals(List.of("mr-brain-pd", "landsat7-etm-6band"), d.scenes());
		final int n = 1, p = 16;
		final float[] lr = new float[n * 3 * p * p], hr = new float[n * 4 * p * p];
		int mr = 0, switches = 0;
		String last = null;
		final int draws = 2000;
		for (int step = 0; step < draws; step++) {
			final String scene = d.batch(3, step, n, p, lr, hr).get(0).scene();
			if (scene.equals("mr-brain-pd")) mr++;
			if (last != null && !scene.equals(last)) switches++;
			last = scene;
		}
		assertTrue(Math.abs(mr - draws / 2) < draws / 20, mr + " of " + draws + " draws from the MR scene");
		// and independently from step to step: about every other step changes scene (not long runs of one scene)
		assertTrue(Math.abs(switches - draws / 2) < draws / 20, switches + " scene changes between " + draws + " consecutive steps");
	}

	@Test
	void fillIsNeverDrawn() {
		// Landsat 8 at 150 m: the corners outside the scene are 0 (32 % of the pixels), declared nowhere.
		final Path b2 = TestData.shared("satellite/landsat8-oli-p107r35/LC81070352015122LGN00_B2.tif");
		final TrainingData d = TrainingData.load(List.of(b2), 4, NormalizationSpec.range(), 0, 0, true, new Cancel());
		final TrainingData.Pair pair = d.pairs().get(0);
		final float fill = pair.hr().data()[0]; // the top-left corner is fill
		final int n = 4, p = 32, P = 128;
		final float[] lr = new float[n * 3 * p * p], hr = new float[n * P * P];
		for (int step = 0; step < 200; step++) {
			d.batch(1, step, n, p, lr, hr);
			for (final float v : hr) assertTrue(v != fill, "a window with fill at step " + step);
		}
	}

	@Test
	void flipsAndRotationsArePermutations() {
		final int size = 5;
		final Set<String> all = new HashSet<>();
		for (int t = 0; t < 8; t++) {
			final Set<Integer> seen = new HashSet<>();
			final StringBuilder sb = new StringBuilder();
			for (int j = 0; j < size; j++)
				for (int i = 0; i < size; i++) {
					final int x = TrainingData.source(t, i, j, size, true), y = TrainingData.source(t, i, j, size, false);
					seen.add(y * size + x);
					sb.append(y * size + x).append(',');
					if (t == 0) assertEquals(j * size + i, y * size + x, "t = 0 is the identity");
				}
			assertEquals(size * size, seen.size(), "transform " + t + " is a permutation");
			all.add(sb.toString());
		}
		assertEquals(8, all.size(), "eight different transforms");
	}
}
