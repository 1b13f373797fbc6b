package org.tilesr.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a file, lower-case hex. */
public final class Sha256 {

	private Sha256() {}

	public static String of(final Path file) throws IOException {
		final MessageDigest md;
		try {
			md = MessageDigest.getInstance("SHA-256");
		}
		catch (final NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		try (InputStream in = Files.newInputStream(file)) {
			final byte[] buf = new byte[1 << 16];
			for (int n; (n = in.read(buf)) > 0;)
				md.update(buf, 0, n);
		}
		return HexFormat.of().formatHex(md.digest());
	}
}
