package org.tilesr.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import org.tilesr.io.OutputFile;

/** Evaluation results: one row per image band and method; CSV, a Markdown summary and a PNG plot. */
public final class EvalTable {

	/** One measurement; the scene is the group of files it belongs to (a folder), "" when none was given. */
	public record Row(String image, int band, String method, double psnr, double ssim, double seconds, String scene, double hf) {

		public Row(final String image, final int band, final String method, final double psnr, final double ssim, final double seconds) {
			this(image, band, method, psnr, ssim, seconds, "", Double.NaN);
		}

		public Row(final String image, final int band, final String method, final double psnr, final double ssim, final double seconds,
			final String scene)
		{
			this(image, band, method, psnr, ssim, seconds, scene, Double.NaN);
		}
	}

	/** Per-method means over every image band (the high-frequency ratio too), and the mean PSNR gain over the baseline. */
	public record Summary(String method, int n, double psnr, double ssim, double gain, double hf) {}

	/**
	 * A method's means over one scene's bands (or, with scene "mean", the mean of the scenes' means, each scene counted
	 * once): PSNR, SSIM and the PSNR gains over bicubic and over the base model, band by band.
	 */
	public record SceneSummary(String scene, String method, int n, double psnr, double ssim, double overBicubic, double overBase, double hf) {}

	/** The name of the row of scene means in {@link #byScene}. */
	public static final String MEAN = "mean over scenes";

	private final List<Row> rows = new ArrayList<>();

	public void add(final Row r) {
		rows.add(r);
	}

	public List<Row> rows() {
		return List.copyOf(rows);
	}

	public List<Summary> summary(final String baseline) {
		return summary(baseline, null);
	}

	/** The same over the bands of one image only ({@code null}: every image). */
	public List<Summary> summary(final String baseline, final String image) {
		final Map<String, List<Row>> by = new LinkedHashMap<>();
		for (final Row r : rows) if (image == null || r.image().equals(image)) by.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
		final List<Summary> out = new ArrayList<>();
		for (final var e : by.entrySet()) {
			double p = 0, s = 0, g = 0, q = 0;
			int ng = 0;
			for (final Row r : e.getValue()) {
				p += r.psnr();
				s += r.ssim();
				q += r.hf();
				final Row b = find(r.image(), r.band(), baseline);
				if (b != null) {
					g += r.psnr() - b.psnr();
					ng++;
				}
			}
			final int n = e.getValue().size();
			out.add(new Summary(e.getKey(), n, p / n, s / n, ng == 0 ? Double.NaN : g / ng, q / n));
		}
		return out;
	}

	private Row find(final String image, final int band, final String method) {
		for (final Row r : rows) if (r.image().equals(image) && r.band() == band && r.method().equals(method)) return r;
		return null;
	}

	/** The scenes in the order they were measured. */
	public List<String> scenes() {
		return List.copyOf(new LinkedHashSet<>(rows.stream().map(Row::scene).toList()));
	}

	/** Per scene and method (in measuring order), then the means over scenes: see {@link SceneSummary}. */
	public List<SceneSummary> byScene(final String baseline, final String base) {
		final List<SceneSummary> out = new ArrayList<>();
		final Map<String, List<SceneSummary>> perMethod = new LinkedHashMap<>();
		for (final String scene : scenes()) {
			final Map<String, List<Row>> by = new LinkedHashMap<>();
			for (final Row r : rows) if (r.scene().equals(scene)) by.computeIfAbsent(r.method(), k -> new ArrayList<>()).add(r);
			for (final var e : by.entrySet()) {
				double p = 0, q = 0, gb = 0, gm = 0, hf = 0;
				for (final Row r : e.getValue()) {
					p += r.psnr();
					q += r.ssim();
					hf += r.hf();
					gb += r.psnr() - psnr(r, baseline);
					gm += r.psnr() - psnr(r, base);
				}
				final int n = e.getValue().size();
				final SceneSummary s = new SceneSummary(scene, e.getKey(), n, p / n, q / n, gb / n, gm / n, hf / n);
				out.add(s);
				perMethod.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(s);
			}
		}
		for (final var e : perMethod.entrySet()) {
			final List<SceneSummary> l = e.getValue();
			out.add(new SceneSummary(MEAN, e.getKey(), l.stream().mapToInt(SceneSummary::n).sum(), l.stream().mapToDouble(SceneSummary::psnr).average().orElse(Double.NaN),
				l.stream().mapToDouble(SceneSummary::ssim).average().orElse(Double.NaN), l.stream().mapToDouble(SceneSummary::overBicubic).average().orElse(Double.NaN),
				l.stream().mapToDouble(SceneSummary::overBase).average().orElse(Double.NaN), l.stream().mapToDouble(SceneSummary::hf).average().orElse(Double.NaN)));
		}
		return out;
	}

	private double psnr(final Row r, final String method) {
		final Row b = find(r.image(), r.band(), method);
		return b == null ? Double.NaN : b.psnr();
	}

	/** The per-scene table and the means over scenes, in Markdown. */
	public String sceneMarkdown(final String baseline, final String base) {
		final StringBuilder sb = new StringBuilder("| scene | method | bands | mean PSNR (dB) | mean SSIM | HF ratio | gain over " + baseline
			+ " (dB) | gain over " + base + " (dB) |\n|---|---|---|---|---|---|---|---|\n");
		for (final SceneSummary s : byScene(baseline, base))
			sb.append(String.format(Locale.ROOT, "| %s | %s | %d | %.2f | %.4f | %s | %+.2f | %+.2f |%n", s.scene(), s.method(), s.n(), s.psnr(), s.ssim(),
				hf(s.hf(), "%.3f"), s.overBicubic(), s.overBase()));
		return sb.toString();
	}

	/** The images in the order they were measured. */
	public List<String> images() {
		return List.copyOf(new LinkedHashSet<>(rows.stream().map(Row::image).toList()));
	}

	/** The summary over every band, then (for more than one image) one table per image. */
	public String markdown(final String baseline) {
		final StringBuilder sb = new StringBuilder(table(baseline, null));
		final List<String> images = images();
		if (images.size() > 1) for (final String image : images) sb.append("\n").append(image).append(":\n\n").append(table(baseline, image));
		return sb.toString();
	}

	private String table(final String baseline, final String image) {
		final StringBuilder sb = new StringBuilder("| method | bands | mean PSNR (dB) | mean SSIM | HF ratio | PSNR gain over " + baseline
			+ " (dB) |\n|---|---|---|---|---|---|\n");
		for (final Summary s : summary(baseline, image))
			sb.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.4f | %s | %+.2f |%n", s.method(), s.n(), s.psnr(), s.ssim(), hf(s.hf(), "%.3f"), s.gain()));
		return sb.toString();
	}

	/** A high-frequency ratio as text; empty when not measured. */
	private static String hf(final double v, final String format) {
		return Double.isNaN(v) ? "" : String.format(Locale.ROOT, format, v);
	}

	public void writeCsv(final Path file) {
		final StringBuilder sb = new StringBuilder("image,band,method,psnr_db,ssim,seconds,scene,hf_ratio\n");
		for (final Row r : rows)
			sb.append(String.format(Locale.ROOT, "%s,%d,%s,%.4f,%.6f,%.2f,%s,%s%n", r.image(), r.band(), r.method(), r.psnr(), r.ssim(), r.seconds(), r.scene(),
				hf(r.hf(), "%.4f")));
		OutputFile.writeString(file, true, sb);
	}

	/**
	 * One point per method: mean PSNR against the mean high-frequency ratio (each scene counted once when the rows have
	 * scenes, else every band), drawn by ImageJ's {@link ij.gui.Plot}. Methods {@code ID@ALPHA} of one model (and {@code ID},
	 * alpha 1) are joined in the order of alpha: the perception–distortion curve of network interpolation.
	 */
	public void writeCurve(final Path file, final String title) {
		final Map<String, double[]> points = new LinkedHashMap<>();
		final boolean scenes = rows.stream().anyMatch(r -> !r.scene().isEmpty());
		if (scenes) for (final SceneSummary s : byScene(Evaluation.BICUBIC, Evaluation.BICUBIC))
			if (s.scene().equals(MEAN)) points.put(s.method(), new double[] { s.hf(), s.psnr() });
		if (!scenes) for (final Summary s : summary(Evaluation.BICUBIC)) points.put(s.method(), new double[] { s.hf(), s.psnr() });
		final ij.gui.Plot plot = new ij.gui.Plot(title, "high-frequency ratio to HR (1 = as much fine detail as HR)",
			"mean PSNR (dB)" + (scenes ? ", mean over scenes" : ""));
		plot.setSize(800, 500);
		double x0 = 0, x1 = 1.05, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
		for (final double[] v : points.values()) {
			x1 = Math.max(x1, v[0] * 1.05);
			y0 = Math.min(y0, v[1]);
			y1 = Math.max(y1, v[1]);
		}
		final double pad = Math.max(0.2, (y1 - y0) * 0.1);
		plot.setLimits(x0, x1, y0 - pad, y1 + pad);
		final Map<String, List<double[]>> curves = new LinkedHashMap<>();
		for (final var e : points.entrySet()) {
			final int at = e.getKey().indexOf('@');
			if (at > 0) curves.computeIfAbsent(e.getKey().substring(0, at), k -> new ArrayList<>())
				.add(new double[] { Double.parseDouble(e.getKey().substring(at + 1)), e.getValue()[0], e.getValue()[1] });
		}
		for (final var e : curves.entrySet()) { // the model alone is alpha 1
			final double[] alone = points.get(e.getKey());
			if (alone != null) e.getValue().add(new double[] { 1, alone[0], alone[1] });
		}
		plot.setColor(new Color(31, 119, 180));
		plot.setLineWidth(2);
		for (final List<double[]> c : curves.values()) {
			c.sort((a, b) -> Double.compare(a[0], b[0]));
			plot.add("line", c.stream().mapToDouble(v -> v[1]).toArray(), c.stream().mapToDouble(v -> v[2]).toArray());
		}
		plot.setLineWidth(1);
		plot.setColor(Color.GRAY);
		plot.drawDottedLine(1, y0 - pad, 1, y1 + pad, 2);
		for (final var e : points.entrySet()) {
			plot.setColor(e.getKey().contains("@") ? new Color(31, 119, 180) : e.getKey().equals(Evaluation.BICUBIC) ? Color.GRAY : new Color(214, 39, 40));
			plot.add("circle", new double[] { e.getValue()[0] }, new double[] { e.getValue()[1] });
			plot.setColor(Color.BLACK);
			plot.addText(e.getKey(), e.getValue()[0] + (x1 - x0) * 0.01, e.getValue()[1] + pad * 0.15);
		}
		final BufferedImage img = plot.getProcessor().getBufferedImage();
		OutputFile.write(file, true, os -> {
			if (!ImageIO.write(img, "png", os)) throw new IOException("no PNG writer");
		});
	}

	/** Grouped bars: PSNR gain over the baseline for every image band (x) and method (colour). */
	public void writePlot(final Path file, final String baseline, final String title) {
		final List<String> keys = new ArrayList<>(), methods = new ArrayList<>(new LinkedHashSet<>(rows.stream().map(Row::method).toList()));
		methods.remove(baseline);
		for (final Row r : rows) {
			final String k = r.image() + (r.band() > 0 ? " b" + r.band() : "");
			if (!keys.contains(k)) keys.add(k);
		}
		final int w = Math.max(640, 120 + keys.size() * (20 + 14 * methods.size())), h = 480, left = 70, bottom = 150, top = 50;
		final double[][] gain = new double[keys.size()][methods.size()];
		double lo = 0, hi = 0.5;
		for (final Row r : rows) {
			final int m = methods.indexOf(r.method());
			if (m < 0) continue;
			final Row b = find(r.image(), r.band(), baseline);
			final double g = b == null ? 0 : r.psnr() - b.psnr();
			gain[keys.indexOf(r.image() + (r.band() > 0 ? " b" + r.band() : ""))][m] = g;
			lo = Math.min(lo, g);
			hi = Math.max(hi, g);
		}
		final BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		final Graphics2D g2 = img.createGraphics();
		g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g2.setColor(Color.WHITE);
		g2.fillRect(0, 0, w, h);
		g2.setColor(Color.BLACK);
		g2.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g2.drawString(title, left, 24);
		g2.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		final double range = hi - lo, max = hi;
		final int plotH = h - top - bottom;
		final java.util.function.DoubleToIntFunction yOf = v -> top + (int) Math.round((max - v) / range * plotH);
		for (double t = Math.ceil(lo * 2) / 2; t <= hi + 1e-9; t += 0.5) {
			final int y = yOf.applyAsInt(t);
			g2.setColor(t == 0 ? Color.BLACK : new Color(220, 220, 220));
			g2.drawLine(left, y, w - 10, y);
			g2.setColor(Color.BLACK);
			g2.drawString(String.format(Locale.ROOT, "%+.1f", t), 20, y + 4);
		}
		g2.drawString("PSNR gain over " + baseline + " (dB)", 5, top - 10);
		final Color[] colours = { new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40), new Color(148, 103, 189) };
		final int group = (w - left - 20) / Math.max(1, keys.size()), bar = Math.max(4, (group - 10) / Math.max(1, methods.size()));
		for (int k = 0; k < keys.size(); k++) {
			final int x0 = left + k * group + 5;
			for (int m = 0; m < methods.size(); m++) {
				final int ya = yOf.applyAsInt(0), yb = yOf.applyAsInt(gain[k][m]);
				g2.setColor(colours[m % colours.length]);
				g2.fillRect(x0 + m * bar, Math.min(ya, yb), bar - 1, Math.max(1, Math.abs(yb - ya)));
			}
			g2.setColor(Color.BLACK);
			final Graphics2D t = (Graphics2D) g2.create();
			t.translate(x0 + group / 2, h - bottom + 8);
			t.rotate(Math.PI / 3);
			t.drawString(keys.get(k), 0, 0);
			t.dispose();
		}
		for (int m = 0; m < methods.size(); m++) {
			g2.setColor(colours[m % colours.length]);
			g2.fillRect(w - 220, top + 5 + m * 16, 12, 12);
			g2.setColor(Color.BLACK);
			g2.drawString(methods.get(m), w - 202, top + 15 + m * 16);
		}
		g2.setStroke(new BasicStroke(1));
		g2.drawRect(left, top, w - left - 10, plotH);
		g2.dispose();
		OutputFile.write(file, true, os -> {
			if (!ImageIO.write(img, "png", os)) throw new IOException("no PNG writer");
		});
	}
}
