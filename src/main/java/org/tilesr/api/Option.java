package org.tilesr.api;

import java.util.List;

/**
 * One option of the engine, declared once ({@link EnhanceOptions}): its name (the CLI's {@code --name}, the dialogs'
 * and macros' key, the scripts' parameter), kind, default, allowed choices or range, unit and help; the old names it
 * still answers to; and whether the Fiji dialogs show it (the rest are for the CLI, batch and Spark jobs).
 */
public record Option(String name, Kind kind, String dflt, List<String> choices, Double min, Double max, String unit, String help,
	List<String> aliases, boolean dialog)
{
	/** TEXT: any text; WHOLE: a whole number or {@code auto}; NUMBER: a number; CHOICE: one of the choices; FLAG: on or off. */
	public enum Kind { TEXT, WHOLE, NUMBER, CHOICE, FLAG }

	public Option {
		choices = List.copyOf(choices);
		aliases = List.copyOf(aliases);
	}

	/** The option on a usage line: {@code --tile N|auto}, {@code --device auto|cpu|gpu}, {@code --clip}. */
	public String usage() {
		switch (kind) {
			case FLAG: return "--" + name;
			case CHOICE: return "--" + name + " " + String.join("|", choices);
			case WHOLE: return "--" + name + " N" + (EnhanceOptions.AUTO.equals(dflt) ? "|auto" : "");
			case NUMBER: return "--" + name + " X";
			default: return "--" + name + " " + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
		}
	}

	/** The dialogs' label: the name as a word (the macro key is its first word), then the unit or the meaning of auto. */
	public String label() {
		final String word = Character.toUpperCase(name.charAt(0)) + name.substring(1);
		final String auto = EnhanceOptions.AUTO.equals(dflt) ? "auto = the model's" : "";
		final String detail = unit.isEmpty() ? auto : auto.isEmpty() ? unit : unit + ", " + auto;
		return detail.isEmpty() ? word : word + " (" + detail + ")";
	}

	/** The text given for this option, trimmed, or its default when none was given. */
	public String value(final String given) {
		return given == null || given.isBlank() ? dflt : given.trim();
	}

	/** The text as a whole number (not yet checked against the range: old sentinels for auto lie outside it). */
	public int parseWhole(final String text) {
		try {
			final double d = Double.parseDouble(text.trim());
			if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new NumberFormatException();
			return (int) d;
		}
		catch (final NumberFormatException e) {
			throw new org.tilesr.TileSRException(name, "'" + text + "' is not a whole number" + (auto() ? " or auto" : ""));
		}
	}

	/** The text as a number (not checked against the range). */
	public double parseNumber(final String text) {
		try {
			return Double.parseDouble(text.trim());
		}
		catch (final NumberFormatException e) {
			throw new org.tilesr.TileSRException(name, "'" + text + "' is not a number");
		}
	}

	/** The text in lower case when it is one of the choices; else one line naming them. */
	public String choice(final String text) {
		final String v = text.trim().toLowerCase(java.util.Locale.ROOT);
		if (choices.contains(v)) return v;
		throw new org.tilesr.TileSRException(name, "'" + v + "' is not one of " + String.join(", ", choices));
	}

	/** Refuses a value outside min..max in one line naming the unit (and auto, for options that take it). */
	public void checkRange(final double v, final String text) {
		if (min != null && v < min || max != null && v > max)
			throw new org.tilesr.TileSRException(name, "must be " + format(min) + ".." + format(max) + (unit.isEmpty() ? "" : " " + unit)
				+ (auto() ? " or auto" : "") + ", got " + text.trim());
	}

	private boolean auto() {
		return EnhanceOptions.AUTO.equals(dflt);
	}

	/** A number as help and messages write it: whole numbers without a fraction; nothing for null. */
	public static String format(final Double d) {
		return d == null ? "" : d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
	}

	/** The option of a command's list by its name or an old name. */
	public static Option find(final List<Option> options, final String name) {
		for (final Option o : options) if (o.name.equals(name) || o.aliases.contains(name)) return o;
		throw new IllegalArgumentException("no option " + name);
	}

	/** The flags (options without a value) of a command's list. */
	public static List<String> flags(final List<Option> options) {
		return options.stream().filter(o -> o.kind == Kind.FLAG).map(Option::name).toList();
	}

	/** Usage lines for a command's options, wrapped under {@code indent} at {@code width}. */
	public static List<String> usage(final List<Option> options, final String indent, final int width) {
		final List<String> lines = new java.util.ArrayList<>();
		StringBuilder line = new StringBuilder(indent);
		for (final Option o : options) {
			final String u = "[" + o.usage() + "]";
			if (line.length() + u.length() + 1 > width && line.length() > indent.length()) {
				lines.add(line.toString());
				line = new StringBuilder(indent);
			}
			line.append(line.length() > indent.length() ? " " : "").append(u);
		}
		lines.add(line.toString());
		return lines;
	}

	/** One help line per option: usage, help (with the unit), default. */
	public static List<String> help(final List<Option> options, final String indent) {
		final List<String> lines = new java.util.ArrayList<>();
		for (final Option o : options)
			lines.add(indent + String.format(java.util.Locale.ROOT, "%-26s %s%s", o.usage(),
				o.help() + (o.unit().isEmpty() || o.kind() != Kind.WHOLE ? "" : ", in " + o.unit()),
				o.dflt().isEmpty() || o.kind() == Kind.FLAG ? "" : " (default " + o.dflt() + ")"));
		return lines;
	}
}
