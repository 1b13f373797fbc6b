package org.tilesr.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** TileSR's version, from the build. */
public final class Version {

	private Version() {}

	public static String get() {
		try (InputStream in = Version.class.getResourceAsStream("/org/tilesr/tilesr.properties")) {
			final Properties p = new Properties();
			if (in != null) p.load(in);
			final String v = p.getProperty("version", "dev");
			return v.startsWith("$") ? "dev" : v;
		}
		catch (final IOException e) {
			return "dev";
		}
	}
}
