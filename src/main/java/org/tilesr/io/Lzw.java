package org.tilesr.io;

/** TIFF's LZW decoder (MSB-first codes of 9 to 12 bits, early change, Clear 256, EndOfInformation 257). */
final class Lzw {

	private Lzw() {}

	static byte[] decode(final byte[] in, final int expected) {
		final byte[] out = new byte[expected];
		final int[] prefix = new int[4096];
		final byte[] suffix = new byte[4096];
		final byte[] first = new byte[4096];
		final int[] length = new int[4096];
		for (int i = 0; i < 256; i++) {
			suffix[i] = first[i] = (byte) i;
			length[i] = 1;
			prefix[i] = -1;
		}
		int next = 258, width = 9, old = -1, n = 0;
		long buf = 0;
		int have = 0, pos = 0;
		final byte[] stack = new byte[4096];
		while (n < expected) {
			while (have < width && pos < in.length) {
				buf = (buf << 8) | (in[pos++] & 0xff);
				have += 8;
			}
			if (have < width) break;
			final int code = (int) ((buf >>> (have - width)) & ((1 << width) - 1));
			have -= width;
			if (code == 257) break;
			if (code == 256) {
				next = 258;
				width = 9;
				old = -1;
				continue;
			}
			final int entry;
			if (code < next) entry = code;
			else if (code == next && old >= 0) entry = -1;
			else throw new IllegalArgumentException("corrupt LZW data");
			if (entry >= 0) n = emit(entry, prefix, suffix, length, stack, out, n);
			if (old >= 0 && next < 4096) {
				prefix[next] = old;
				suffix[next] = first[entry >= 0 ? entry : old];
				first[next] = first[old];
				length[next] = length[old] + 1;
				next++;
			}
			if (entry < 0) n = emit(code, prefix, suffix, length, stack, out, n);
			old = code;
			if (next + 1 >= (1 << width) && width < 12) width++;
		}
		return out;
	}

	private static int emit(final int code, final int[] prefix, final byte[] suffix, final int[] length, final byte[] stack,
		final byte[] out, int n)
	{
		int c = code, k = length[code];
		for (int i = k - 1; i >= 0; i--) {
			stack[i] = suffix[c];
			c = prefix[c];
		}
		final int m = Math.min(k, out.length - n);
		System.arraycopy(stack, 0, out, n, m);
		return n + m;
	}
}
