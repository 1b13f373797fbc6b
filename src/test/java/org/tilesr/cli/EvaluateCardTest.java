package org.tilesr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.TestData;
import org.tilesr.model.ModelCard;

/**
 * {@code tilesr evaluate --card} on a real MR slice: the card gets typed metric entries (method, bands, PSNR, SSIM,
 * gains, scale, the files or scenes), keeps metrics from elsewhere, and a second evaluation replaces the first's.
 */
class EvaluateCardTest {

	@TempDir
	Path tmp;

	@Test
	void evaluationIsRecordedInTheCard() throws Exception {
		System.setProperty("tilesr.models", TestData.root().resolve("models").toString());
		final Path card = Files.createDirectories(tmp.resolve("nearest-x2"));
		final JsonObject c = JsonParser.parseString(Files.readString(TestData.root().resolve("models/nearest-x2/card.json"))).getAsJsonObject();
		final JsonArray kept = new JsonArray();
		final JsonObject other = new JsonObject();
		other.addProperty("note", "measured elsewhere");
		kept.add(other);
		c.add("metrics", kept);
		Files.writeString(card.resolve(ModelCard.FILE), c.toString());
		final Path slice = TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm");
		for (int run = 0; run < 2; run++) {
			final int rc = Main.run(List.of("evaluate", "scanner-a=" + slice, "--models", "nearest-x2", "--output", tmp.resolve("eval").toString(),
				"--card", card.toString(), "--by-scene", "--device", "cpu"), new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
			assertEquals(0, rc);
		}
		final JsonArray metrics = JsonParser.parseString(Files.readString(card.resolve(ModelCard.FILE))).getAsJsonObject().getAsJsonArray("metrics");
		assertEquals("measured elsewhere", metrics.get(0).getAsJsonObject().get("note").getAsString(), "other metrics kept");
		int files = 0, scenes = 0;
		for (int i = 1; i < metrics.size(); i++) {
			final JsonObject m = metrics.get(i).getAsJsonObject();
			assertEquals("tilesr evaluate", m.get("evaluation").getAsString());
			assertEquals(2, m.get("scale").getAsInt(), "auto: the model's scale");
			assertTrue(m.get("psnr_db").getAsDouble() > 20 && m.get("ssim").getAsDouble() > 0.5, m.toString());
			assertTrue(m.get("hf_ratio").getAsDouble() > 0 && m.get("hf_ratio").getAsDouble() < 1.5, m.toString());
			if (m.has("held_out_files")) {
				files++;
				assertEquals("brain_010.dcm", m.getAsJsonArray("held_out_files").get(0).getAsString());
			}
			if (m.has("scene") || m.has("mean_over_scenes")) {
				scenes++;
				assertEquals("nearest-x2", m.get("base").getAsString());
				if (m.get("method").getAsString().equals("nearest-x2"))
					assertEquals(0, m.get("psnr_gain_over_base_db").getAsDouble(), 0, "the base against itself");
				else assertEquals(m.get("psnr_db").getAsDouble() - psnr(metrics, "nearest-x2", m), m.get("psnr_gain_over_base_db").getAsDouble(), 0.011);
			}
		}
		assertEquals(2, files, "bicubic and nearest-x2 over the files, once: the second run replaced the first's");
		assertTrue(Files.size(tmp.resolve("eval").resolve("perception-distortion.png")) > 5000);
		assertTrue(scenes >= 2, metrics.toString());
	}

	@Test
	void alphasExpandEachModelForTheCurve() {
		assertEquals(List.of("m@0", "m@0.5", "m", "n", "k@0.3"), EvaluateCommand.withAlphas(List.of("m", "n", "k@0.3"), "0, 0.5,1"));
		assertEquals(List.of("m"), EvaluateCommand.withAlphas(List.of("m"), ""));
		final org.tilesr.TileSRException e = org.junit.jupiter.api.Assertions.assertThrows(org.tilesr.TileSRException.class,
			() -> EvaluateCommand.withAlphas(List.of("m"), "0,1.5"));
		assertTrue(e.getMessage().contains("--alphas") && e.getMessage().contains("1.5"), e.getMessage());
	}

	/** The base model's PSNR in the same scene (or mean) as {@code like}. */
	private static double psnr(final JsonArray metrics, final String method, final JsonObject like) {
		for (final var e : metrics) {
			final JsonObject m = e.getAsJsonObject();
			if (method.equals(m.has("method") ? m.get("method").getAsString() : null) && String.valueOf(m.get("scene")).equals(String.valueOf(like.get("scene")))
				&& m.has("mean_over_scenes") == like.has("mean_over_scenes") && !m.has("held_out_files")) return m.get("psnr_db").getAsDouble();
		}
		throw new AssertionError("no " + method + " row like " + like);
	}
}
