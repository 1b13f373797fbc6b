package org.tilesr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tilesr.TestData;
import org.tilesr.TileSRException;
import org.tilesr.core.TileBatch;

/**
 * A user's TorchScript model with a model card loads and runs. The model is made by Debian's python3-torch
 * (scripts/make-torchscript-fixture.py): x2 nearest-neighbour through conv + PixelShuffle, so its output is known.
 */
class TorchScriptTest {

	private static Path dir;

	@BeforeAll
	static void makeModel() throws Exception {
		dir = TestData.root().resolve("target/test-torchscript");
		final boolean torch = run("/usr/bin/python3", "-c", "import torch") == 0;
		if (System.getenv("CI") != null) assertTrue(torch, "CI must install python3-torch");
		assumeTrue(torch, "Debian's python3-torch is not installed: skipping the TorchScript test");
		assertEquals(0, run("/usr/bin/python3", TestData.root().resolve("scripts/make-torchscript-fixture.py").toString(), dir.toString()));
	}

	private static int run(final String... cmd) throws IOException, InterruptedException {
		final Process p = new ProcessBuilder(cmd).inheritIO().start();
		assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
		return p.exitValue();
	}

	@Test
	void userTorchScriptModelRunsThroughTheSameUpscaler() {
		final ModelCard card = ModelCard.read(dir.resolve(ModelCard.FILE));
		assertEquals(ModelCard.TORCHSCRIPT, card.weightsFormat());
		final TileBatch in = new TileBatch(2, 3, 9, 13);
		final Random r = new Random(1);
		for (int i = 0; i < in.data().length; i++)
			in.data()[i] = r.nextFloat();
		try (DjlUpscaler up = Models.load(card, Device.cpu())) {
			assertEquals(2, up.scale());
			final TileBatch out = up.upscale(in);
			assertEquals(2, out.n());
			assertEquals(18, out.height());
			assertEquals(26, out.width());
			for (int n = 0; n < 2; n++)
				for (int c = 0; c < 3; c++)
					for (int y = 0; y < 18; y++)
						for (int x = 0; x < 26; x++)
							assertEquals(in.data()[in.offset(n, c) + (y / 2) * 13 + x / 2],
								out.data()[out.offset(n, c) + y * 26 + x], 1e-6);
		}
	}

	@Test
	void tamperedWeightsAreRefused() throws IOException {
		final Path copy = TestData.root().resolve("target/test-torchscript-tampered");
		Files.createDirectories(copy);
		Files.writeString(copy.resolve(ModelCard.FILE), Files.readString(dir.resolve(ModelCard.FILE)));
		final byte[] pt = Files.readAllBytes(dir.resolve("nearest-x2.pt"));
		pt[pt.length / 2] ^= 1;
		Files.write(copy.resolve("nearest-x2.pt"), pt);
		final TileSRException e = assertThrows(TileSRException.class,
			() -> Models.load(ModelCard.read(copy.resolve(ModelCard.FILE)), Device.cpu()));
		assertTrue(e.getMessage().contains("sha256"), e.getMessage());
	}

	/** A card without sha256 is refused unless the user asks for unverified weights; then the actual sha256 is kept. */
	@Test
	void weightsWithoutSha256RunOnlyWhenAsked() throws IOException {
		final Path copy = TestData.root().resolve("target/test-torchscript-unverified");
		Files.createDirectories(copy);
		final com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(dir.resolve(ModelCard.FILE))).getAsJsonObject();
		json.getAsJsonObject("weights").getAsJsonObject("torchscript").remove("sha256");
		final String withoutSha = json.toString();
		assertTrue(!withoutSha.contains("sha256"), withoutSha);
		Files.writeString(copy.resolve(ModelCard.FILE), withoutSha);
		Files.copy(dir.resolve("nearest-x2.pt"), copy.resolve("nearest-x2.pt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		final TileSRException e = assertThrows(TileSRException.class,
			() -> Models.load(ModelCard.read(copy.resolve(ModelCard.FILE)), Device.cpu()));
		assertTrue(e.getMessage().contains("gives no sha256") && e.getMessage().contains("--unverified-weights"), e.getMessage());
		final ModelCard c = ModelCard.read(copy.resolve(ModelCard.FILE));
		try (DjlUpscaler up = Models.load(c, null, 1, Device.cpu(), true)) {
			assertEquals(2, up.scale());
		}
		assertEquals(Sha256.of(copy.resolve("nearest-x2.pt")), c.weightsEntry().unverifiedSha256);
	}
}
