package org.tilesr.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.TestData;
import org.tilesr.TestModels;
import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Enhancer;
import org.tilesr.core.Cancel;
import org.tilesr.core.Progress;
import org.tilesr.io.Gdal;
import org.tilesr.io.TiffSource;
import org.tilesr.io.TinyTiff;
import org.tilesr.model.ModelCatalog;

/**
 * Seeded mutation fuzzing of the engine as a batch sees files: mutants of real DICOM, Landsat and GeoTIFF files
 * (uint16/int16/float32, raw/LZW/Deflate, predictor 2, tiled) and an ImageJ stack go through {@code nearest-x2}. Every
 * case must end in a readable output or TileSR's own one-line error naming the file, within a time limit; float
 * mutants with NaN/±Inf are checked for values. {@code -Dtilesr.fuzz.cases=N} (the {@code fuzz} profile: 10,000)
 * and {@code -Dtilesr.fuzz.seed=S}; failing mutants are kept in {@code target/fuzz-failures/} for replay.
 */
class FuzzTest {

	/** Where the float seed's samples start (TinyTiff: header, 10 entries, next pointer). */
	static final int FLOAT_DATA_OFFSET = 8 + 2 + 10 * 12 + 4;
	private static final int W = 37, H = 29;
	private static final int CASE_SECONDS = 30;

	@TempDir
	Path tmp;

	private record Seed(String name, byte[] bytes, boolean tiff, boolean float32) {}

	@Test
	void everyMutantEndsInAnOutputOrOneLine() throws Exception {
		final int cases = Integer.getInteger("tilesr.fuzz.cases", 2000);
		final long seed0 = Long.getLong("tilesr.fuzz.seed", 1);
		final List<Seed> seeds = seeds();
		final Map<String, Integer> outcomes = new LinkedHashMap<>();
		for (final String o : new String[] { "valid output", "one-line error", "values checked", "out of memory", "other failure", "hang" })
			outcomes.put(o, 0);
		final List<String> bad = new ArrayList<>();
		final Path failures = TestData.root().resolve("target/fuzz-failures");
		final EnhanceSettings s = new EnhanceSettings().model("nearest-x2").device("cpu");
		final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
			final Thread t = new Thread(r, "fuzz-case");
			t.setDaemon(true);
			return t;
		});
		final long t0 = System.nanoTime();
		try (Enhancer e = Enhancer.open(s, new ModelCatalog(List.of(TestModels.folder(), TestData.root().resolve("models"))), Progress.NONE)) {
			for (int c = 0; c < cases; c++) {
				final Random r = new Random(seed0 * 1_000_003L + c);
				final Seed sd = seeds.get(r.nextInt(seeds.size()));
				final Mutants.Mutant m = Mutants.mutate(sd.bytes(), sd.tiff(), sd.float32(), r);
				final Path in = tmp.resolve(String.format(Locale.ROOT, "case%05d-%s", c, sd.name()));
				final Path out = tmp.resolve(String.format(Locale.ROOT, "case%05d_tilesr.tif", c));
				Files.write(in, m.bytes());
				final Cancel cancel = new Cancel();
				final Future<?> job = pool.submit(() -> e.enhanceFile(in, out, false, Progress.NONE, cancel));
				String outcome;
				String detail = "";
				try {
					job.get(CASE_SECONDS, TimeUnit.SECONDS);
					outcome = "valid output";
					detail = checkOutput(out, m, sd);
					if (detail.isEmpty() && m.valuesKnown()) outcome = "values checked";
					else if (!detail.isEmpty()) outcome = "other failure";
				}
				catch (final TimeoutException x) {
					cancel.cancel();
					outcome = "hang";
					detail = "no end within " + CASE_SECONDS + " s";
				}
				catch (final java.util.concurrent.ExecutionException x) {
					final Throwable t = x.getCause();
					if (t instanceof TileSRException te) {
						final boolean oneLine = !te.getMessage().contains("\n") && te.getMessage().contains(in.toString());
						final boolean oom = te.getMessage().contains("out of memory");
						outcome = oom ? "out of memory" : oneLine ? "one-line error" : "other failure";
						if (!oneLine || oom) detail = te.getMessage();
					}
					else {
						outcome = "other failure";
						detail = TileSRException.oneLine(t);
					}
				}
				outcomes.merge(outcome, 1, Integer::sum);
				if (!detail.isEmpty()) {
					bad.add(in.getFileName() + " (" + m.how() + "): " + outcome + ": " + detail);
					Files.createDirectories(failures);
					Files.copy(in, failures.resolve(in.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
				}
				Files.deleteIfExists(in);
				Files.deleteIfExists(out);
				if (outcome.equals("hang")) break; // the case still runs on the one worker thread
			}
		}
		finally {
			pool.shutdownNow();
		}
		final double sec = (System.nanoTime() - t0) / 1e9;
		final StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "fuzz: %d cases (seed %d) over %d seeds in %.0f s%n",
			cases, seed0, seeds.size(), sec));
		outcomes.forEach((k, v) -> table.append(String.format(Locale.ROOT, "| %s | %d |%n", k, v)));
		System.out.print(table);
		Files.createDirectories(TestData.root().resolve("target"));
		Files.writeString(TestData.root().resolve("target/fuzz-totals.md"), table);
		assertTrue(bad.isEmpty(), bad.size() + " cases did not end in an output or one line:\n" + String.join("\n", bad.subList(0, Math.min(40, bad.size()))));
		assertEquals(cases, outcomes.values().stream().mapToInt(Integer::intValue).sum());
	}

	/** "" when the output is a readable TIFF (and, for NaN/±Inf mutants, holds the input's values), else why not. */
	private static String checkOutput(final Path out, final Mutants.Mutant m, final Seed sd) {
		if (!Files.isRegularFile(out)) return "reported success but wrote no output";
		try (TiffSource o = new TiffSource(out)) {
			if (!m.valuesKnown()) return "";
			final ByteBuffer in = ByteBuffer.wrap(m.bytes()).order(ByteOrder.LITTLE_ENDIAN);
			final float[] v = new float[4 * W * H];
			o.read(0, 0, 0, 2 * W, 2 * H, v);
			for (int y = 0; y < 2 * H; y++)
				for (int x = 0; x < 2 * W; x++) {
					final float want = in.getFloat(FLOAT_DATA_OFFSET + 4 * ((y / 2) * W + x / 2)), got = v[y * 2 * W + x];
					if (Float.isFinite(want) ? Math.abs(want - got) > 1e-4 * (1 + Math.abs(want)) : Float.isFinite(got))
						return "value at " + x + "," + y + " is " + got + ", input " + want;
				}
			return "";
		}
		catch (final RuntimeException e) {
			return "output unreadable: " + TileSRException.oneLine(e);
		}
	}

	/** Real files and small GeoTIFF variants of a real Landsat crop (GDAL, when its JNI is built). */
	private List<Seed> seeds() throws IOException {
		final List<Seed> out = new ArrayList<>();
		out.add(new Seed("mr.dcm", Files.readAllBytes(TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm")), false, false));
		final float[] f = new float[W * H];
		final Random r = new Random(7);
		for (int i = 0; i < f.length; i++)
			f[i] = (float) (r.nextGaussian() * 100 + (i % W));
		out.add(new Seed("f32.tif", Files.readAllBytes(TinyTiff.write(tmp.resolve("f32.tif"), W, H, 32, 3, TinyTiff.floats(f))), true, true));
		final ImageStack st = new ImageStack(W, H);
		for (int k = 0; k < 3; k++) {
			final short[] p = new short[W * H];
			for (int i = 0; i < p.length; i++)
				p[i] = (short) (i * 7 + k * 1000);
			st.addSlice(new ShortProcessor(W, H, p, null));
		}
		final Path stack = tmp.resolve("stack.tif");
		new FileSaver(new ImagePlus("stack", st)).saveAsTiffStack(stack.toString());
		out.add(new Seed("stack.tif", Files.readAllBytes(stack), true, false));
		final Path l7 = TestData.root().resolve("sample-data/landsat7-etm-6band/L7_ETMs.tif");
		if (System.getenv("CI") != null) assertTrue(Gdal.available(), "CI must build the GDAL JNI");
		if (!Gdal.available()) {
			out.add(new Seed("l7.tif", Files.readAllBytes(l7), true, false));
			return out;
		}
		final String[][] variants = { { "l7-crop.tif" }, { "u16.tif", "-ot", "UInt16", "-scale", "0", "255", "0", "60000" },
			{ "u16-lzw-pred.tif", "-ot", "UInt16", "-scale", "0", "255", "0", "60000", "-co", "COMPRESS=LZW", "-co", "PREDICTOR=2" },
			{ "i16-deflate-pred.tif", "-ot", "Int16", "-scale", "0", "255", "-3000", "3000", "-co", "COMPRESS=DEFLATE", "-co", "PREDICTOR=2" },
			{ "f32-deflate.tif", "-ot", "Float32", "-scale", "0", "255", "-1", "1", "-co", "COMPRESS=DEFLATE", "-a_nodata", "-9999" },
			{ "u16-tiled.tif", "-ot", "UInt16", "-co", "TILED=YES", "-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16" } };
		for (final String[] v : variants) {
			final List<String> args = new ArrayList<>(List.of("-srcwin", "0", "0", "41", "33"));
			args.addAll(List.of(v).subList(1, v.length));
			final Path p = tmp.resolve(v[0]);
			gdalTranslate(l7, p, args);
			out.add(new Seed(v[0], Files.readAllBytes(p), true, false));
		}
		return out;
	}

	private static void gdalTranslate(final Path src, final Path dst, final List<String> args) {
		org.gdal.gdal.gdal.AllRegister();
		final org.gdal.gdal.Dataset in = org.gdal.gdal.gdal.Open(src.toString());
		final org.gdal.gdal.Dataset o = org.gdal.gdal.gdal.Translate(dst.toString(), in,
			new org.gdal.gdal.TranslateOptions(new java.util.Vector<>(args)));
		assertTrue(o != null, "gdal_translate " + args + ": " + org.gdal.gdal.gdal.GetLastErrorMsg());
		o.delete();
		in.delete();
	}
}
