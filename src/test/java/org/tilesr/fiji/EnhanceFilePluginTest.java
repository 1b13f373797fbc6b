package org.tilesr.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tilesr.TileSRException;

/** The IJ1 dialog's words: "auto" and old macros' numbers for it mean the model card's value. */
class EnhanceFilePluginTest {

	@Test
	void autoAndOldSentinelsMeanTheModelsValue() {
		assertNull(EnhanceFilePlugin.whole("tile", "auto", 0));
		assertNull(EnhanceFilePlugin.whole("tile", " AUTO ", 0));
		assertNull(EnhanceFilePlugin.whole("tile", "", 0));
		assertNull(EnhanceFilePlugin.whole("tile", "0", 0), "old macros: tile=0");
		assertNull(EnhanceFilePlugin.whole("halo", "-1", -1), "old macros: halo=-1");
		assertNull(EnhanceFilePlugin.whole("scale", "0", 0), "old macros: scale=0");
		assertEquals(0, EnhanceFilePlugin.whole("halo", "0", -1), "a halo of 0 is a real value");
		assertEquals(64, EnhanceFilePlugin.whole("tile", "64", 0));
		assertEquals(64, EnhanceFilePlugin.whole("tile", "64.0", 0), "ImageJ writes numbers as 64.0 at times");
	}

	@Test
	void anythingElseIsOneLine() {
		final TileSRException e = assertThrows(TileSRException.class, () -> EnhanceFilePlugin.whole("tile", "big", 0));
		assertEquals("tile: 'big' is not a whole number or auto", e.getMessage());
		assertThrows(TileSRException.class, () -> EnhanceFilePlugin.whole("tile", "64.5", 0));
	}
}
