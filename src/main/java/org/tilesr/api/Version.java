package org.tilesr.api;

import org.tilesr.Build;

/** TileSR's version, from the build. */
public final class Version {

	private Version() {}

	public static String get() {
		return Build.property("version", "dev");
	}
}
