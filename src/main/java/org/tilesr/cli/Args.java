package org.tilesr.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.tilesr.TileSRException;

/** Command-line arguments: positionals, {@code --name value} options and {@code --flag}s. */
public final class Args {

	public final List<String> positional = new ArrayList<>();
	private final List<String> optionTokens = new ArrayList<>();
	private final Map<String, String> options = new HashMap<>();
	private final Set<String> flags = new HashSet<>();
	private final Set<String> used = new HashSet<>();

	public Args(final List<String> args, final Set<String> flagNames) {
		for (int i = 0; i < args.size(); i++) {
			final String a = args.get(i);
			if (a.startsWith("--") && a.length() > 2) {
				String name = a.substring(2);
				final int eq = name.indexOf('=');
				optionTokens.add(a);
				if (eq >= 0) options.put(name.substring(0, eq), name.substring(eq + 1));
				else if (flagNames.contains(name)) flags.add(name);
				else if (i + 1 < args.size()) {
					options.put(name, args.get(++i));
					optionTokens.add(args.get(i));
				}
				else throw new TileSRException("--" + name, "needs a value");
			}
			else positional.add(a);
		}
	}

	/** The options and flags as given (values after their names), without the positionals. */
	public List<String> rawOptions() {
		return List.copyOf(optionTokens);
	}

	public String get(final String name, final String dflt) {
		used.add(name);
		return options.getOrDefault(name, dflt);
	}

	public Integer integer(final String name) {
		return parse(name, Integer::valueOf, "a whole number");
	}

	public Double number(final String name) {
		return parse(name, Double::valueOf, "a number");
	}

	private <T> T parse(final String name, final java.util.function.Function<String, T> f, final String what) {
		final String v = get(name, null);
		if (v == null) return null;
		try {
			return f.apply(v.trim());
		}
		catch (final NumberFormatException e) {
			throw new TileSRException("--" + name, "'" + v + "' is not " + what);
		}
	}

	public boolean flag(final String name) {
		used.add(name);
		return flags.contains(name);
	}

	/** Fails on options the command does not know (typos must not be ignored). */
	public void rejectUnknown() {
		for (final String k : options.keySet())
			if (!used.contains(k)) throw new TileSRException("--" + k, "unknown option");
		for (final String k : flags)
			if (!used.contains(k)) throw new TileSRException("--" + k, "unknown option");
	}
}
