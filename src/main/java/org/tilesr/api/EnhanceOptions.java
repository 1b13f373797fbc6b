package org.tilesr.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.tilesr.TileSRException;
import org.tilesr.api.Option.Kind;
import org.tilesr.core.NormalizationSpec;

/**
 * The engine's options, declared once: the CLI's parser and help, the SciJava commands' parameters, the IJ1 dialog
 * and its macro keys and the options table in docs/fiji.md all follow this list ({@code OptionSchemaTest} checks
 * each against it). One name and one meaning per option everywhere; {@code auto} (the model card's value) is a word
 * everywhere, and the numbers older macros and scripts used for it (scale 0, tile 0, halo −1) still mean it.
 */
public final class EnhanceOptions {

	public static final String AUTO = "auto";

	private EnhanceOptions() {}

	private static Option opt(final String name, final Kind kind, final String dflt, final List<String> choices, final Double min, final Double max,
		final String unit, final String help, final List<String> aliases, final boolean dialog)
	{
		return new Option(name, kind, dflt, choices, min, max, unit, help, aliases, dialog);
	}

	/** Every option, in the order help and dialogs show them. */
	public static final List<Option> ALL = List.of(
		opt("model", Kind.TEXT, EnhanceSettings.DEFAULT_MODEL, List.of(), null, null, "",
			"a model id, or a folder (or card.json) of a model", List.of(), true),
		opt("scale", Kind.WHOLE, AUTO, List.of(), 1d, 16d, "",
			"another scale picks the card of the same model family at that scale", List.of(), true),
		opt("alpha", Kind.NUMBER, "1", List.of(), 0d, 1d, "",
			"network interpolation: 1 = the model alone; below 1 its weights are blended with those of the card's interpolate_with model (0 = that model)",
			List.of(), true),
		opt("blend-with", Kind.TEXT, "", List.of(), null, null, "", "the model alpha blends with (default: the card's interpolate_with)", List.of(), false),
		opt("device", Kind.CHOICE, AUTO, List.of(AUTO, "cpu", "gpu"), null, null, "", "where the network runs; gpu:N picks a GPU", List.of(), true),
		opt("precision", Kind.CHOICE, AUTO, List.of(AUTO, "fp32", "fp16"), null, null, "",
			"the network's number format on the device: auto = fp16 on a GPU, fp32 on the CPU (bf16: not available with DJL 0.32)", List.of(), true),
		opt("tile", Kind.WHOLE, AUTO, List.of(), 8d, 4096d, "input pixels", "the largest tile core", List.of(), true),
		opt("halo", Kind.WHOLE, AUTO, List.of(), 0d, 512d, "input pixels", "context on each side of a tile", List.of(), true),
		opt("batch", Kind.WHOLE, "1", List.of(), 1d, 256d, "", "tiles per forward pass", List.of(), false),
		opt("normalization", Kind.CHOICE, "range", NormalizationSpec.Mode.ids(), null, null, "",
			"how values are mapped to the network's range: the data's range, percentiles, a fixed range, a CT window (HU), the type's range",
			List.of("norm"), true),
		opt("low", Kind.NUMBER, Option.format(NormalizationSpec.DEFAULT_LOW_PERCENTILE), List.of(), null, null, "percentile, value or CT centre",
			"percentile normalization: the low percentile; fixed: the low value; ctwindow: the window's centre (HU)", List.of(), true),
		opt("high", Kind.NUMBER, Option.format(NormalizationSpec.DEFAULT_HIGH_PERCENTILE), List.of(), null, null, "percentile, value or CT width",
			"percentile normalization: the high percentile; fixed: the high value; ctwindow: the window's width (HU)", List.of(), true),
		opt("clip", Kind.FLAG, "false", List.of(), null, null, "", "clip values outside low..high (the provenance says so)", List.of(), true),
		opt("range", Kind.TEXT, "", List.of(), null, null, "", "LOW:HIGH, short for --normalization fixed --low LOW --high HIGH", List.of(), false),
		opt("window", Kind.TEXT, "", List.of(), null, null, "", "CENTRE:WIDTH in HU, short for --normalization ctwindow --low CENTRE --high WIDTH",
			List.of(), false),
		opt("rgb", Kind.TEXT, "", List.of(), null, null, "", "1-based band triplets run as one colour image: 4,3,2 or 4,3,2;7,6,5", List.of(), false),
		opt("memory-budget", Kind.WHOLE, AUTO, List.of(), 1d, 1d * Integer.MAX_VALUE, "MB", "memory for tiles in flight (auto: the free Java heap)",
			List.of(), false),
		opt("backend", Kind.CHOICE, AUTO, List.of(AUTO, "gdal", "java"), null, null, "", "file reader and writer: GDAL when it loads, else pure Java",
			List.of(), false),
		opt("cog", Kind.FLAG, "false", List.of(), null, null, "", "write Cloud-Optimized GeoTIFFs (GDAL)", List.of(), false),
		opt("unverified-weights", Kind.FLAG, "false", List.of(), null, null, "", "run a card that gives no sha256 for its weights", List.of(), false));

	/** The options the Fiji dialogs show. */
	public static List<Option> dialog() {
		return ALL.stream().filter(Option::dialog).toList();
	}

	public static Option get(final String name) {
		return Option.find(ALL, name);
	}

	/** The flags among the options (options without a value). */
	public static List<String> flags() {
		return Option.flags(ALL);
	}

	/** Usage lines for the CLI, wrapped under {@code indent}. */
	public static List<String> usage(final String indent, final int width) {
		return Option.usage(ALL, indent, width);
	}

	/** One help line per option: usage, help, default. */
	public static List<String> help(final String indent) {
		return Option.help(ALL, indent);
	}

	/**
	 * The engine settings from option values as given ({@code given}: a name → its text, or null when not given;
	 * flags give "true"). Every entry point comes through here, so the same text means the same everywhere.
	 */
	public static EnhanceSettings settings(final Function<String, String> given) {
		final EnhanceSettings s = new EnhanceSettings();
		s.model(text(given, "model"));
		final Integer scale = whole(given, "scale", 0);
		s.scale(scale == null ? 0 : scale);
		final String a = given.apply("alpha");
		final Double alpha = a == null || a.isBlank() ? null : number("alpha", a);
		// 1 is the model alone: no blend, no partner model loaded
		s.alpha(alpha == null || alpha == 1 ? null : alpha);
		s.blendWith(given.apply("blend-with"));
		s.device(choice(given, "device", true));
		s.precision(choice(given, "precision", true));
		s.tile(whole(given, "tile", 0)).halo(whole(given, "halo", -1));
		final Integer batch = whole(given, "batch", -1);
		if (batch != null) s.batch(batch);
		final Integer budget = whole(given, "memory-budget", -1);
		if (budget != null) s.memoryBudget(budget * (1L << 20));
		s.normalization(normalization(given));
		for (final int[] t : triplets(given.apply("rgb")))
			s.triplet(t[0], t[1], t[2]);
		s.backend(choice(given, "backend", false)).cog(flag(given, "cog")).unverifiedWeights(flag(given, "unverified-weights"));
		return s;
	}

	private static String text(final Function<String, String> given, final String name) {
		return get(name).value(given.apply(name));
	}

	private static boolean flag(final Function<String, String> given, final String name) {
		final String v = given.apply(name);
		if (v == null || v.isBlank()) return false;
		if (v.equalsIgnoreCase("true") || v.equals("1")) return true;
		if (v.equalsIgnoreCase("false") || v.equals("0")) return false;
		throw new TileSRException(name, "'" + v + "' is not true or false");
	}

	/** One of the choices (the device may also be gpu:N; precision bf16 is explained by the engine). */
	private static String choice(final Function<String, String> given, final String name, final boolean open) {
		final String v = text(given, name).toLowerCase(Locale.ROOT);
		final Option o = get(name);
		if (o.choices().contains(v) || open && (v.matches("gpu:\\d+") || v.equals("bf16"))) return v;
		throw new TileSRException(name, "'" + v + "' is not one of " + String.join(", ", o.choices()) + (name.equals("device") ? " or gpu:N" : ""));
	}

	/** auto (or an old number for it, {@code oldAuto}) → null, the model card's value; else a whole number in range. */
	private static Integer whole(final Function<String, String> given, final String name, final int oldAuto) {
		final String raw = given.apply(name);
		final String v = raw == null ? "" : raw.trim();
		if (v.isEmpty() || v.equalsIgnoreCase(AUTO)) return null;
		final Option o = get(name);
		final int n = o.parseWhole(v);
		if (AUTO.equals(o.dflt()) && n == oldAuto) return null;
		o.checkRange(n, v);
		return n;
	}

	private static double number(final String name, final String v) {
		return get(name).parseNumber(v);
	}

	/**
	 * The normalization: its mode (range/window shorthands imply theirs), with low/high; fixed and ctwindow need both
	 * given (the defaults are percentiles).
	 */
	public static NormalizationSpec normalization(final Function<String, String> given) {
		final String range = given.apply("range"), window = given.apply("window");
		String lowText = given.apply("low"), highText = given.apply("high");
		final String implied = window != null ? "ctwindow" : range != null ? "fixed" : get("normalization").dflt();
		final String modeText = given.apply("normalization");
		final String mode = modeText == null || modeText.isBlank() ? implied : modeText.trim();
		final boolean clip = flag(given, "clip");
		final NormalizationSpec.Mode m;
		try {
			m = NormalizationSpec.Mode.of(mode);
		}
		catch (final IllegalArgumentException e) {
			throw new TileSRException("normalization", e.getMessage(), e);
		}
		if (m == NormalizationSpec.Mode.FIXED && range != null || m == NormalizationSpec.Mode.CTWINDOW && window != null) {
			final String pair = m == NormalizationSpec.Mode.FIXED ? range : window;
			final String[] p = pair.split(":");
			if (p.length != 2) throw new TileSRException(m == NormalizationSpec.Mode.FIXED ? "range" : "window", "'" + pair + "' is not "
				+ (m == NormalizationSpec.Mode.FIXED ? "LOW:HIGH" : "CENTRE:WIDTH (HU), e.g. 40:400"));
			lowText = p[0];
			highText = p[1];
		}
		if ((m == NormalizationSpec.Mode.FIXED || m == NormalizationSpec.Mode.CTWINDOW) && (lowText == null || highText == null))
			throw new TileSRException("normalization", m.id() + " needs low and high ("
				+ (m == NormalizationSpec.Mode.FIXED ? "--low L --high H, or --range L:H" : "the window's centre and width in HU: --window 40:400") + ")");
		final double low = lowText == null ? NormalizationSpec.DEFAULT_LOW_PERCENTILE : number("low", lowText);
		final double high = highText == null ? NormalizationSpec.DEFAULT_HIGH_PERCENTILE : number("high", highText);
		try {
			return NormalizationSpec.of(m, low, high, clip);
		}
		catch (final IllegalArgumentException e) {
			throw new TileSRException("normalization", e.getMessage(), e);
		}
	}

	/** {@code 4,3,2} or {@code 4,3,2;7,6,5}: 1-based band triplets, as 0-based. */
	static List<int[]> triplets(final String v) {
		final List<int[]> out = new ArrayList<>();
		if (v == null || v.isBlank()) return out;
		for (final String t : v.split(";")) {
			final String[] p = t.split(",");
			try {
				if (p.length != 3) throw new NumberFormatException();
				out.add(new int[] { Integer.parseInt(p[0].trim()) - 1, Integer.parseInt(p[1].trim()) - 1, Integer.parseInt(p[2].trim()) - 1 });
			}
			catch (final NumberFormatException e) {
				throw new TileSRException("rgb", "'" + t + "' is not three band numbers like 4,3,2");
			}
		}
		return out;
	}
}
