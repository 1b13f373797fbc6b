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
		super(subject == null ? flat(reason) : subject + ": " + flat(reason), cause);
		this.subject = subject;
		this.reason = flat(reason);
	}

	/** A reason on one line (readers such as ImageJ's DICOM decoder give several). */
	private static String flat(final String s) {
		return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", "; ");
	}

	/** An exception's message for a reason in brackets: its first line, or its class when it has none. */
	public static String why(final Throwable e) {
		final String m = firstLine(e);
		return m.isEmpty() ? e.getClass().getSimpleName() : m;
	}

	private static String firstLine(final Throwable e) {
		return e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("").strip();
	}

	/**
	 * What went wrong, in one line, for a failure that is not a {@code TileSRException}: "out of memory" for an
	 * OutOfMemoryError, else the error's class and first message line.
	 */
	public static String oneLine(final Throwable e) {
		final String m = firstLine(e);
		if (e instanceof OutOfMemoryError) return "out of memory: " + m;
		return e.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
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
