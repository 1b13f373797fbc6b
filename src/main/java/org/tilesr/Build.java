package org.tilesr;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build (TileSR's version, the libtorch version it is built against), from the jar. */
public final class Build {

	private static final Properties PROPERTIES = load();

	private Build() {}

	/** A build property, or {@code fallback} when the build did not fill it (running from unfiltered sources). */
	public static String property(final String key, final String fallback) {
		final String v = PROPERTIES.getProperty(key);
		return v == null || v.startsWith("$") ? fallback : v;
	}

	private static Properties load() {
		final Properties p = new Properties();
		try (InputStream in = Build.class.getResourceAsStream("/org/tilesr/tilesr.properties")) {
			if (in != null) p.load(in);
		}
		catch (final IOException e) {
			// an empty set: every property falls back
		}
		return p;
	}
}
