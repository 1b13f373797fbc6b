package org.tilesr;

import java.nio.file.Path;

/**
 * The one user-facing failure: a file (or setting) and a one-line reason. Anything else that escapes is a bug.
 */
public class TileSRException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String subject;
	private final String reason;

	public TileSRException(final String subject, final String reason) {
		this(subject, reason, null);
	}

	public TileSRException(final String subject, final String reason, final Throwable cause) {
		super(subject == null ? reason : subject + ": " + reason, cause);
		this.subject = subject;
		this.reason = reason;
	}

	public TileSRException(final Path file, final String reason) {
		this(file == null ? null : file.toString(), reason, null);
	}

	public TileSRException(final Path file, final String reason, final Throwable cause) {
		this(file == null ? null : file.toString(), reason, cause);
	}

	/** The file or setting the failure is about, or null. */
	public String subject() {
		return subject;
	}

	/** The reason, one line, without the subject. */
	public String reason() {
		return reason;
	}
}
