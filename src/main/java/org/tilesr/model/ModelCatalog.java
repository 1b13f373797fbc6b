package org.tilesr.model;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.tilesr.TileSRException;

/**
 * The model cards TileSR can run, by id. Folders searched, first wins: the ones asked for ({@code -Dtilesr.models},
 * {@code $TILESR_MODELS}: path lists), the {@code models/} folder of the installation TileSR runs from (found from
 * its own jar, {@code <install>/plugins/TileSR_.jar} → {@code <install>/models}, and from the host's folder:
 * Fiji's and ImageJ's {@code imagej.dir}, {@code fiji.dir}, {@code ij.dir}, ImageJ 1.x's {@code plugins.dir}; the
 * CLI's {@code tilesr.home}), then the user's {@code ~/.tilesr/models}. No host needs a property of TileSR's own.
 */
public final class ModelCatalog {

	private final List<Path> folders;

	public ModelCatalog(final List<Path> folders) {
		this.folders = List.copyOf(folders);
	}

	public static ModelCatalog standard() {
		final List<Path> dirs = new ArrayList<>();
		addPathList(dirs, System.getProperty("tilesr.models"));
		addPathList(dirs, System.getenv("TILESR_MODELS"));
		final Path own = ownLocation();
		if (own != null && own.getParent() != null && own.getParent().getParent() != null)
			dirs.add(own.getParent().getParent().resolve("models"));
		for (final String key : new String[] { "imagej.dir", "fiji.dir", "ij.dir", "tilesr.home" }) {
			final String dir = System.getProperty(key);
			if (dir != null && !dir.isBlank()) dirs.add(Path.of(dir, "models"));
		}
		final String plugins = System.getProperty("plugins.dir");
		if (plugins != null && !plugins.isBlank()) {
			final Path p = Path.of(plugins).toAbsolutePath();
			// ImageJ 1.x sets plugins.dir to the ImageJ folder or to its plugins/ folder
			dirs.add((p.getFileName() != null && p.getFileName().toString().equals("plugins") ? p.getParent() : p).resolve("models"));
		}
		dirs.add(Path.of(System.getProperty("user.home"), ".tilesr", "models"));
		return new ModelCatalog(dirs.stream().map(d -> d.toAbsolutePath().normalize()).distinct().toList());
	}

	/** The jar (or classes folder) TileSR was loaded from, or null when the class loader does not say. */
	static Path ownLocation() {
		try {
			final java.security.CodeSource src = ModelCatalog.class.getProtectionDomain().getCodeSource();
			return src == null || src.getLocation() == null ? null : Path.of(src.getLocation().toURI());
		}
		catch (final java.net.URISyntaxException | IllegalArgumentException | SecurityException e) {
			return null;
		}
	}

	private static void addPathList(final List<Path> dirs, final String list) {
		if (list == null || list.isBlank()) return;
		for (final String s : list.split(File.pathSeparator))
			if (!s.isBlank()) dirs.add(Path.of(s));
	}

	public List<Path> folders() {
		return folders;
	}

	/**
	 * Every card in the folders, by id (the first folder that has an id wins). A card that cannot be read is skipped
	 * with one warning line on stderr (once per file and JVM); it never hides the other models.
	 */
	public Map<String, ModelCard> cards() {
		final Map<String, ModelCard> out = new LinkedHashMap<>();
		skipped.clear();
		for (final Path dir : folders) {
			if (!Files.isDirectory(dir)) continue;
			try (Stream<Path> s = Files.list(dir)) {
				for (final Path sub : (Iterable<Path>) s.sorted()::iterator) {
					final Path card = sub.resolve(ModelCard.FILE);
					if (!Files.isRegularFile(card)) continue;
					try {
						final ModelCard c = ModelCard.read(card);
						out.putIfAbsent(c.id, c);
					}
					catch (final RuntimeException | StackOverflowError e) {
						final String why = e instanceof TileSRException ? e.getMessage() : card + ": " + TileSRException.oneLine(e);
						skipped.add(why);
						if (WARNED.add(card.toAbsolutePath().normalize())) System.err.println("tilesr: skipped model card: " + why);
					}
				}
			}
			catch (final IOException | java.io.UncheckedIOException e) {
				skipped.add(dir + ": cannot list models (" + e.getMessage() + ")");
			}
		}
		return out;
	}

	private final List<String> skipped = new ArrayList<>();
	private static final java.util.Set<Path> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

	/**
	 * The card for a model at a scale: the model itself when {@code scale} is 0 or its own, else the card of the
	 * same family (id without its {@code -xN}) at that scale, e.g. esrgan-thick-x4 at 2 → esrgan-thick-x2.
	 */
	public ModelCard find(final String idOrPath, final int scale) {
		final ModelCard c = find(idOrPath);
		if (scale == 0 || c.scale() == scale) return c;
		final String family = family(c.id);
		for (final ModelCard k : cards().values())
			if (k.scale() == scale && family(k.id).equals(family)) return k;
		throw new TileSRException("model", c.id + " is x" + c.scale() + " and there is no x" + scale + " model of its family '"
			+ family + "' (known: " + cards().keySet() + ")");
	}

	/** A model id without its scale suffix. */
	public static String family(final String id) {
		return id.replaceFirst("-x\\d+$", "");
	}

	/** The card with this id, or a path to a card file or model folder. */
	public ModelCard find(final String idOrPath) {
		final Path p = Path.of(idOrPath);
		if (Files.isRegularFile(p)) return ModelCard.read(p);
		if (Files.isRegularFile(p.resolve(ModelCard.FILE))) return ModelCard.read(p.resolve(ModelCard.FILE));
		final ModelCard c = cards().get(idOrPath);
		if (c == null)
			throw new TileSRException("model", "no model '" + idOrPath + "'; searched " + folders + ", found " + cards().keySet()
				+ (skipped.isEmpty() ? "" : "; skipped: " + String.join("; ", skipped)));
		return c;
	}
}
