package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tilesr.TestModels;
import org.tilesr.io.TinyTiff;

/**
 * The damage that made readers hang, allocate without bound or throw (found by fuzzing a user's archive): each ends
 * in one line naming the file, within seconds, nothing written. Entry k of TinyTiff's directory is at 10 + 12k (its
 * count at +4, its value at +8): 0 ImageWidth, 1 ImageLength, 2 BitsPerSample, 5 StripOffsets, 6 SamplesPerPixel, 8
 * StripByteCounts.
 */
class DamagedFilesTest {

	@TempDir
	Path tmp;

	@BeforeAll
	static void models() {
		TestModels.folder();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({
		"IFD points to itself, 130, 8, damaged TIFF: its image directories form a loop",
		"ImageWidth 2^31-1, 18, 2147483647, wider or taller than TileSR's limit",
		"ImageLength 0, 30, 0, is not a size",
		"StripOffsets count 2^28, 74, 268435456, damaged TIFF",
		"StripByteCounts count 1.5e9, 110, 1500000000, damaged TIFF",
		"StripOffsets past the end, 78, 99999, damaged TIFF",
		"SamplesPerPixel 65535, 90, 65535, damaged TIFF: its uncompressed strips hold 512 bytes",
		"BitsPerSample 64, 42, 64, damaged TIFF: its uncompressed strips hold 512 bytes" })
	void damagedTiffIsOneLine(final String what, final int at, final long value, final String reason) throws IOException {
		final float[] v = new float[16 * 8];
		java.util.Arrays.fill(v, 1.5f);
		final byte[] b = Files.readAllBytes(TinyTiff.write(tmp.resolve("seed.tif"), 16, 8, 32, 3, TinyTiff.floats(v)));
		final ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
		if (at == 18 || at == 30 || at == 42 || at == 90) bb.putShort(at, (short) value); // SHORT values
		else bb.putInt(at, (int) value);
		if (at == 18 || at == 30) bb.putShort(at - 6, (short) (value > 65535 ? 4 : 3)).putInt(at, (int) value);
		for (final String backend : new String[] { "java", "auto" }) {
			final Path in = Files.write(tmp.resolve("damaged-" + backend + ".tif"), b), out = tmp.resolve("out-" + backend + ".tif");
			final Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30),
				() -> Cli.run("enhance", in.toString(), out.toString(), "--model", "nearest-x2", "--backend", backend));
			final String text = r.err();
			assertEquals(1, r.status(), what + ": " + text);
			final var lines = text.lines().filter(l -> l.startsWith("tilesr:")).toList();
			assertEquals(1, lines.size(), text);
			assertTrue(lines.get(0).contains(in.toString()) && lines.get(0).contains(reason), what + ": " + text);
			assertFalse(text.contains("\tat ") || text.contains("Exception in"), text);
			assertFalse(Files.exists(out));
		}
	}
}
