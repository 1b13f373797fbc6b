package org.tilesr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The CPU tile: windows of 256 where memory allows, smaller on small machines, never below the card's tile. */
class CpuTileTest {

	private static final long GIB = 1L << 30;

	@Test
	void windowsOf256WhereMemoryAllows() {
		assertEquals(236, Enhancer.cpuTile(128, 10, 1, 24 * GIB)); // 256² windows need ~1.3 GB
		assertEquals(232, Enhancer.cpuTile(128, 10, 8, 24 * GIB)); // a multiple of the card's multiple
		assertEquals(180, Enhancer.cpuTile(128, 10, 1, 3 * GIB)); // 200² x 20 kB fits in 768 MiB; 201² does not
		assertEquals(128, Enhancer.cpuTile(128, 10, 1, 1 * GIB));
		assertEquals(128, Enhancer.cpuTile(128, 10, 1, 0)); // memory unknown: the card's
		assertEquals(1024, Enhancer.cpuTile(1024, 10, 1, 64 * GIB)); // a card's larger tile stays
	}
}
