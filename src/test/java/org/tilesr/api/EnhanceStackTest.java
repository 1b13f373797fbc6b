package org.tilesr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.Images;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;

/** The Java API on a real MR stack: every slice, one normalization for the whole dataset, cancel leaves nothing. */
class EnhanceStackTest {

	@TempDir
	Path tmp;

	private Path mrStack() {
		ImageStack stack = null;
		ImagePlus first = null;
		for (final String n : new String[] { "brain_009.dcm", "brain_010.dcm", "brain_011.dcm" }) {
			final ImagePlus imp = Images.open(TestData.shared("medical/mr-brain-pd/" + n));
			if (stack == null) {
				stack = new ImageStack(imp.getWidth(), imp.getHeight());
				first = imp;
			}
			stack.addSlice(n, imp.getProcessor());
		}
		final ImagePlus s = new ImagePlus("mr-stack", stack);
		s.setCalibration(first.getCalibration());
		final Path p = tmp.resolve("mr-stack.tif");
		assertTrue(new FileSaver(s).saveAsTiffStack(p.toString()));
		return p;
	}

	@Test
	void everySliceWithOneDatasetNormalization() {
		final Path in = mrStack();
		final Path out = tmp.resolve("out/mr-stack-x2.tif");
		final List<long[]> ticks = new ArrayList<>();
		final Progress progress = new Progress() {
			@Override
			public void tiles(final long done, final long total, final double eta) {
				ticks.add(new long[] { done, total });
			}
		};
		final int perSlice;
		try (Enhancer e = Enhancer.open(new EnhanceSettings().model("esrgan-thick-x2").device("cpu"), TestModels.catalog(), progress)) {
			e.enhanceFile(in, out, false, progress, new Cancel());
			perSlice = e.tiling().grid(256, 256).tileCount();
		}
		final ImagePlus src = Images.open(in);
		final ImagePlus res = Images.open(out);
		assertEquals(3, res.getStackSize());
		assertEquals(512, res.getWidth());
		assertEquals(16, res.getBitDepth());
		final long[] last = ticks.get(ticks.size() - 1);
		assertEquals(3 * perSlice, last[0], perSlice + " tiles per slice, 3 slices");
		assertEquals(3 * perSlice, last[1]);
		// One normalization over all three slices: the stack's own min and max (raw values).
		double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
		for (int z = 1; z <= 3; z++)
			for (final double v : Images.values(src.getStack().getProcessor(z))) {
				min = Math.min(min, v);
				max = Math.max(max, v);
			}
		assertTrue(res.getInfoProperty().contains("tilesr.normalization = range low=" + (long) min + " high=" + (long) max),
			res.getInfoProperty());
		for (int z = 1; z <= 3; z++) {
			final double psnr = Images.psnr(Images.values(src.getStack().getProcessor(z)),
				Images.areaDownscale(res.getStack().getProcessor(z), 2));
			System.out.printf("MR stack slice %d x2: PSNR %.2f dB%n", z, psnr);
			assertTrue(psnr >= 35, "slice " + z + ": " + psnr);
		}
	}

	@Test
	void cancelLeavesNoOutput() throws Exception {
		final Path in = mrStack();
		final Path out = tmp.resolve("cancelled.tif");
		final Cancel cancel = new Cancel();
		final Progress cancelAfterFirstBatch = new Progress() {
			@Override
			public void tiles(final long done, final long total, final double eta) {
				cancel.cancel();
			}
		};
		try (Enhancer e = Enhancer.open(new EnhanceSettings().model("esrgan-thick-x2").tile(64), TestModels.catalog(), Progress.NONE)) {
			assertThrows(Cancel.CancelledException.class, () -> e.enhanceFile(in, out, false, cancelAfterFirstBatch, cancel));
		}
		assertFalse(Files.exists(out));
		try (var files = Files.list(tmp)) {
			assertEquals(List.of(in), files.toList(), "no temporary file left");
		}
	}
}
