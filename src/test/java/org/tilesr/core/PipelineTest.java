package org.tilesr.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tilesr.core.PipelineRuns.assertNearest;
import static org.tilesr.core.PipelineRuns.random;
import static org.tilesr.core.PipelineRuns.run;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tilesr.TileSRException;

/**
 * The streaming engine around plain-Java upscalers with known answers (no native library): tiling, blending,
 * normalization and its inverse, channel mapping, nodata, backoff and cancel. The same backoff against libtorch's own
 * allocator is model.EngineBackoffTest.
 */
class PipelineTest {

	@ParameterizedTest(name = "{0} x{1} {2}")
	@CsvSource({
		"UINT16, 1, range", "UINT16, 2, percentile", "UINT16, 3, type", "UINT16, 2, fixed",
		"INT16, 1, range", "INT16, 2, type", "INT16, 2, percentile",
		"UINT8, 1, type", "UINT8, 2, range", "UINT8, 4, fixed",
		"FLOAT32, 1, range", "FLOAT32, 2, fixed", "FLOAT32, 2, percentile" })
	void roundTripIsExactForEveryTypeAndNonClippingMode(final PixelType type, final int s, final String mode) {
		final MemoryRaster in = random(RasterInfo.of(75, 41, 2, type, Double.NaN), 7);
		final NormalizationSpec spec = switch (mode) {
			case "range" -> NormalizationSpec.range();
			case "type" -> NormalizationSpec.type();
			case "percentile" -> NormalizationSpec.percentile(1, 99, false);
			default -> NormalizationSpec.fixed(type == PixelType.UINT8 ? 10 : 100, type == PixelType.UINT8 ? 200 : 20000, false);
		};
		try (Upscaler up = JavaUpscalers.nearest(s)) {
			final MemoryRaster out = run(up, in, spec, ChannelMapping.grayscale(2), new Pipeline.Settings(32, 3, 1, 3, 0), new ArrayList<>());
			// Integers come back exactly; float32 within the float32 precision (2^-24) of the normalized value.
			assertNearest(in, out, s, type == PixelType.FLOAT32 ? 4 * 0x1p-24 : 0);
		}
	}

	@ParameterizedTest(name = "tile {0} halo {1} multiple {2} batch {3}")
	@CsvSource({ "16, 0, 1, 1", "20, 5, 1, 4", "24, 8, 8, 2", "200, 4, 4, 1", "7, 2, 1, 16" })
	void everyTileLayoutGivesTheSameExactOutput(final int tile, final int halo, final int multiple, final int batch) {
		final MemoryRaster in = random(RasterInfo.of(53, 29, 1, PixelType.UINT16, Double.NaN), 3);
		try (Upscaler up = JavaUpscalers.nearest(2)) {
			final MemoryRaster out = run(up, in, NormalizationSpec.range(), ChannelMapping.grayscale(1),
				new Pipeline.Settings(tile, halo, multiple, batch, 0), new ArrayList<>());
			assertNearest(in, out, 2, 0);
		}
	}

	@Test
	void interleavedAndBandOrderGiveTheSameOutput() {
		final MemoryRaster in = random(RasterInfo.of(40, 40, 3, PixelType.UINT16, Double.NaN), 5);
		try (Upscaler up = JavaUpscalers.nearest(2)) {
			final RasterInfo oi = new RasterInfo(80, 80, 3, PixelType.UINT16, Double.NaN, new int[] { 0, 1, 2 }, 1, 0);
			final List<String> order = new ArrayList<>();
			final MemoryRaster out = new MemoryRaster(oi);
			final RasterSink interleaved = new RasterSink() {
				@Override
				public boolean interleaved() {
					return true;
				}

				@Override
				public void write(final int band, final int y, final int rows, final float[] data) {
					order.add(band + "@" + y);
					out.write(band, y, rows, data);
				}

				@Override
				public void commit() {}

				@Override
				public void close() {}
			};
			new Pipeline(up, new Pipeline.Settings(16, 2, 1, 2, 0), Progress.NONE, new Cancel()).run(in,
				DatasetStats.normalizations(NormalizationSpec.range(), in, new Cancel()), ChannelMapping.grayscale(3), interleaved);
			assertNearest(in, out, 2, 0);
			assertEquals(List.of("0@0", "1@0", "2@0"), order.subList(0, 3), "a row block of every band before the next rows");
		}
	}

	@Test
	void tripletsGoThroughTheModelAsItsThreeChannels() {
		final MemoryRaster in = random(RasterInfo.of(30, 20, 4, PixelType.UINT16, Double.NaN), 11);
		try (Upscaler up = JavaUpscalers.nearestReversed(2)) {
			final MemoryRaster out = run(up, in, NormalizationSpec.type(), ChannelMapping.withTriplets(4, List.of(new int[] { 3, 1, 0 })),
				new Pipeline.Settings(16, 2, 1, 2, 0), new ArrayList<>());
			// The model reverses its channels: the triplet (3,1,0) comes back as (0,1,3); band 2 alone is unchanged.
			for (int y = 0; y < 40; y++)
				for (int x = 0; x < 60; x++) {
					assertEquals(in.get(0, x / 2, y / 2), out.get(3, x, y));
					assertEquals(in.get(3, x / 2, y / 2), out.get(0, x, y));
					assertEquals(in.get(1, x / 2, y / 2), out.get(1, x, y));
					assertEquals(in.get(2, x / 2, y / 2), out.get(2, x, y));
				}
		}
	}

	@Test
	void nodataIsKeptAndAllNodataTilesAreSkipped() {
		final RasterInfo info = RasterInfo.of(64, 32, 1, PixelType.UINT16, 0);
		final MemoryRaster in = random(info, 13);
		final float[] v = in.band(0);
		for (int y = 0; y < 32; y++)
			for (int x = 0; x < 64; x++)
				if (x < 32 || (x == 40 && y == 5)) v[y * 64 + x] = 0; // left half and one pixel: nodata
				else if (v[y * 64 + x] == 0) v[y * 64 + x] = 1;
		try (Upscaler up = JavaUpscalers.nearest(2)) {
			final RasterInfo oi = RasterInfo.of(128, 64, 1, PixelType.UINT16, 0);
			final MemoryRaster out = new MemoryRaster(oi);
			final Pipeline.Report r = new Pipeline(up, new Pipeline.Settings(16, 4, 1, 2, 0), Progress.NONE, new Cancel()).run(in,
				DatasetStats.normalizations(NormalizationSpec.range(), in, new Cancel()), ChannelMapping.grayscale(1), out);
			assertEquals(8, r.tiles());
			assertEquals(4, r.skipped(), "the 4 tiles of the left half are all nodata");
			assertNearest(in, out, 2, 0);
		}
	}

	@Test
	void outOfMemoryBacksOffToSmallerBatchesThenSmallerTiles() {
		final MemoryRaster in = random(RasterInfo.of(128, 64, 1, PixelType.UINT16, Double.NaN), 17);
		// The model's real allocation fails above 2000 input pixels per batch: batch 4 and 2 of 40x40 windows fail,
		// one 40x40 (1600) passes... until a tile of 64 (72x72 = 5184) forces quarters of 32 (40x40).
		try (Upscaler up = JavaUpscalers.hungry(2, 2000)) {
			final List<String> log = new ArrayList<>();
			final MemoryRaster out = run(up, in, NormalizationSpec.range(), ChannelMapping.grayscale(1),
				new Pipeline.Settings(64, 4, 1, 4, 0), log);
			assertNearest(in, out, 2, 0);
			assertTrue(log.stream().anyMatch(l -> l.contains("exceeds VM limit") && l.contains("quarters")), log.toString());
		}
		try (Upscaler up = JavaUpscalers.hungry(2, 4000)) {
			final List<String> log = new ArrayList<>();
			final MemoryRaster out = run(up, in, NormalizationSpec.range(), ChannelMapping.grayscale(1),
				new Pipeline.Settings(32, 4, 1, 4, 0), log);
			assertNearest(in, out, 2, 0);
			assertTrue(log.stream().anyMatch(l -> l.contains("batch 4 -> 2")), log.toString());
			assertTrue(log.stream().noneMatch(l -> l.contains("quarters")), log.toString());
		}
	}

	@Test
	void memoryBudgetIsRespectedTheSameWay() {
		final MemoryRaster in = random(RasterInfo.of(128, 64, 1, PixelType.UINT16, Double.NaN), 19);
		try (Upscaler up = JavaUpscalers.nearest(2)) {
			final List<String> log = new ArrayList<>();
			// 4 x 3 x 38 x 36 x (1 + 4) x 4 bytes x 3 = 1 MB per batch of 4; the budget allows one window of 38x36.
			final MemoryRaster out = run(up, in, NormalizationSpec.range(), ChannelMapping.grayscale(1),
				new Pipeline.Settings(32, 4, 1, 4, 300_000), log);
			assertNearest(in, out, 2, 0);
			assertTrue(log.stream().anyMatch(l -> l.contains("batch 4 -> 2")), log.toString());
			final TileSRException e = assertThrows(TileSRException.class, () -> run(up, in, NormalizationSpec.range(),
				ChannelMapping.grayscale(1), new Pipeline.Settings(32, 4, 1, 4, 1000), new ArrayList<>()));
			assertTrue(e.getMessage().matches("(?s).*out of memory even for one 1[6-9]x1[6-9] tile.*"), e.getMessage());
		}
	}

	@Test
	void cancelStopsWithinOneBatch() {
		final MemoryRaster in = random(RasterInfo.of(200, 200, 1, PixelType.UINT16, Double.NaN), 23);
		try (Upscaler up = JavaUpscalers.nearest(2)) {
			final Cancel cancel = new Cancel();
			final long[] seen = { 0 };
			final Progress p = new Progress() {
				@Override
				public void tiles(final long done, final long total, final double eta) {
					seen[0] = done;
					cancel.cancel();
				}
			};
			final MemoryRaster out = new MemoryRaster(RasterInfo.of(400, 400, 1, PixelType.UINT16, Double.NaN));
			assertThrows(Cancel.CancelledException.class, () -> new Pipeline(up, new Pipeline.Settings(16, 2, 1, 2, 0), p, cancel)
				.run(in, DatasetStats.normalizations(NormalizationSpec.range(), in, new Cancel()), ChannelMapping.grayscale(1), out));
			assertTrue(seen[0] <= 2, "stopped after " + seen[0] + " tiles");
			assertTrue(!out.committed());
		}
	}
}
