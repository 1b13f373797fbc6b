package org.tilesr.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tilesr.core.ChannelMapping;
import org.tilesr.core.MemoryRaster;
import org.tilesr.core.NormalizationSpec;
import org.tilesr.core.Pipeline;
import org.tilesr.core.PipelineRuns;
import org.tilesr.core.PixelType;
import org.tilesr.core.RasterInfo;

/**
 * The pipeline's out-of-memory backoff against libtorch's own allocator: a real DJL model whose allocation fails
 * ("can't allocate memory") above a batch size; smaller batches, then quarter tiles, and the output stays exact.
 */
class EngineBackoffTest {

	@Test
	void libtorchOutOfMemoryBacksOffToSmallerBatchesThenSmallerTiles() {
		final MemoryRaster in = PipelineRuns.random(RasterInfo.of(128, 64, 1, PixelType.UINT16, Double.NaN), 17);
		try (DjlUpscaler up = TestUpscalers.hungry(2, 2000)) {
			final List<String> log = new ArrayList<>();
			final MemoryRaster out = PipelineRuns.run(up, in, NormalizationSpec.range(), ChannelMapping.grayscale(1),
				new Pipeline.Settings(64, 4, 1, 4, 0), log);
			PipelineRuns.assertNearest(in, out, 2, 0);
			assertTrue(log.stream().anyMatch(l -> l.contains("can't allocate memory") && l.contains("quarters")), log.toString());
		}
	}
}
