package org.tilesr.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
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
}
