package org.tilesr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tilesr.TestData;
import org.tilesr.TileSRException;

/** The shipped cards, found by id and by family and scale (the Fiji dialog's model and scale choices). */
class ModelCatalogTest {

	private final ModelCatalog catalog = new ModelCatalog(List.of(TestData.root().resolve("models")));

	@Test
	void scalePicksTheFamilysCard() {
		assertEquals("esrgan-thick-x4", catalog.find("esrgan-thick-x4", 0).id);
		assertEquals("esrgan-thick-x4", catalog.find("esrgan-thick-x4", 4).id);
		assertEquals("esrgan-thick-x2", catalog.find("esrgan-thick-x4", 2).id);
		assertEquals(2, catalog.find("esrgan-thick-x4", 2).scale());
		final TileSRException e = assertThrows(TileSRException.class, () -> catalog.find("esrgan-thick-x4", 3));
		assertTrue(e.getMessage().contains("no x3 model of its family 'esrgan-thick'"), e.getMessage());
		assertEquals("esrgan-thick", ModelCatalog.family("esrgan-thick-x2"));
		assertEquals("ct-mri", ModelCatalog.family("ct-mri-x4"));
	}

	/** One broken card (bad JSON, missing fields, weights outside its folder) never hides the other models. */
	@Test
	void brokenCardsAreSkippedAndNeverHideTheOthers(@TempDir final Path tmp) throws IOException {
		final Path mine = tmp.resolve("mine");
		write(mine.resolve("a-broken/card.json"), "{ \"id\": \"a-broken\", ");
		write(mine.resolve("b-no-config/card.json"), "{ \"id\": \"b-no-config\" }");
		write(mine.resolve("c-escape/card.json"), "{ \"id\": \"c-escape\", \"weights\": { \"torchscript\": { \"source\": "
			+ "\"../../../../etc/passwd\", \"sha256\": \"00\" } }, \"config\": { \"tilesr\": { \"scale\": 2, \"tile\": 64 } } }");
		write(mine.resolve("d-list/card.json"), "[1, 2]");
		final ModelCatalog c = new ModelCatalog(List.of(mine, TestData.root().resolve("models")));
		assertTrue(c.cards().containsKey("nearest-x2"), c.cards().keySet().toString());
		assertEquals("nearest-x2", c.find("nearest-x2").id);
		assertTrue(!c.cards().containsKey("c-escape"));
		final TileSRException e = assertThrows(TileSRException.class, () -> c.find("c-escape"));
		assertTrue(e.getMessage().contains("must be a file in the card's folder, not ../../../../etc/passwd"), e.getMessage());
		final TileSRException direct = assertThrows(TileSRException.class, () -> ModelCard.read(mine.resolve("a-broken/card.json")));
		assertTrue(direct.getMessage().contains("a-broken"), direct.getMessage());
	}

	private static void write(final Path file, final String text) throws IOException {
		Files.createDirectories(file.getParent());
		Files.writeString(file, text);
	}
}
