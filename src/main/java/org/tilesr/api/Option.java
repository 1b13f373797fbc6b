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
