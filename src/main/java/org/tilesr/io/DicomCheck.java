package org.tilesr.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import org.tilesr.TileSRException;

/**
 * Walks a DICOM file's elements up to the pixel data before ImageJ's decoder sees it: every element's length must
 * fit in the file, and Rows × Columns × frames within TileSR's pixel limit. The decoder allocates what a length says
 * (2³¹ − 1 bytes for one damaged header field) before it reads. Little-endian files, explicit or implicit VR as the
 * transfer syntax says; big-endian and deflated ones are left to the decoder. Reads the first 16 MB at most (the
 * header; pixel data need not be read).
 */
public final class DicomCheck {

	private static final Set<String> LONG_VR = Set.of("OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UT", "UN", "UC", "UR", "SV", "UV");
	private static final long UNDEFINED = 0xffffffffL;
	private static final int HEAD = 16 << 20;

	private DicomCheck() {}

	/** Whether the file has the DICOM preamble and magic ("DICM" at byte 128). */
	public static boolean isDicom(final Path file) {
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			final ByteBuffer b = ByteBuffer.allocate(4);
			return ch.size() >= 132 && ch.read(b, 128) == 4 && new String(b.array(), java.nio.charset.StandardCharsets.US_ASCII).equals("DICM");
		}
		catch (final IOException e) {
			return false;
		}
	}

	/** Throws one line naming the file when an element cannot be right. */
	public static void check(final Path file) {
		final ByteBuffer b;
		final long length;
		try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
			length = ch.size();
			b = ByteBuffer.allocate((int) Math.min(length, HEAD)).order(ByteOrder.LITTLE_ENDIAN);
			while (b.hasRemaining() && ch.read(b, b.position()) > 0) {
				// read the head
			}
		}
		catch (final IOException e) {
			throw new TileSRException(file, "cannot read (" + TileSRException.why(e) + ")", e);
		}
		final int seen = b.position();
		int pos = 132;
		long rows = -1, columns = -1, frames = 1, samples = 1;
		boolean explicitVr = true; // group 0002 always is; then as the transfer syntax says
		while (pos + 12 <= seen) {
			final int group = b.getShort(pos) & 0xffff, element = b.getShort(pos + 2) & 0xffff;
			final String vr = new String(new byte[] { b.get(pos + 4), b.get(pos + 5) }, java.nio.charset.StandardCharsets.US_ASCII);
			final boolean item = group == 0xfffe;
			final boolean explicit = !item && (group == 0x0002 || explicitVr) && vr.chars().allMatch(c -> c >= 'A' && c <= 'Z');
			final int header;
			final long len;
			if (item || !explicit) {
				header = 8;
				len = b.getInt(pos + 4) & 0xffffffffL;
			}
			else if (LONG_VR.contains(vr)) {
				header = 12;
				len = b.getInt(pos + 8) & 0xffffffffL;
			}
			else {
				header = 8;
				len = b.getShort(pos + 6) & 0xffff;
			}
			if (group == 0x0002 && element == 0x0010 && len <= 64 && pos + header + len <= seen) {
				final byte[] ts = new byte[(int) len];
				b.get(pos + header, ts);
				final String syntax = new String(ts, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "");
				if (syntax.equals("1.2.840.10008.1.2.2") || syntax.equals("1.2.840.10008.1.2.1.99")) return; // big-endian, deflated
				explicitVr = !syntax.equals("1.2.840.10008.1.2");
			}
			if (len == UNDEFINED || item && element == 0xe000) {
				pos += header; // a sequence or item: its elements follow
				if (group == 0x7fe0 && element == 0x0010) break; // encapsulated pixel data
				continue;
			}
			if (pos + header + len > length)
				throw bad(file, tag(group, element) + " says " + len + " bytes but the file ends " + (length - pos - header) + " bytes later");
			if (group == 0x0028 && len == 2 && element <= 0x0011 && pos + header + 2 <= seen) {
				final int v = b.getShort(pos + header) & 0xffff;
				// the first ones: those of an icon image in a sequence come later
				if (element == 0x0010 && rows < 0) rows = v;
				else if (element == 0x0011 && columns < 0) columns = v;
				else if (element == 0x0002) samples = Math.max(samples, v);
			}
			if (group == 0x0028 && element == 0x0008 && len > 0 && len <= 12 && pos + header + len <= seen) {
				final byte[] s = new byte[(int) len];
				b.get(pos + header, s);
				try {
					frames = Math.max(1, Long.parseLong(new String(s, java.nio.charset.StandardCharsets.US_ASCII).trim().replace("\0", "")));
				}
				catch (final NumberFormatException e) {
					frames = 1;
				}
			}
			if (group == 0x7fe0 && element == 0x0010 || pos + header + len > seen) break;
			pos += header + (int) len;
		}
		if (rows >= 0 && columns >= 0) Limits.check(file, columns, rows, frames * samples);
	}

	private static String tag(final int group, final int element) {
		return String.format("element (%04X,%04X)", group, element);
	}

	private static TileSRException bad(final Path file, final String why) {
		return new TileSRException(file, "damaged DICOM: " + why);
	}
}
