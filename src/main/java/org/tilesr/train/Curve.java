package org.tilesr.train;

import ij.gui.Plot;
import ij.process.ColorProcessor;
import ij.process.ImageProcessor;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.tilesr.io.OutputFile;

/**
 * The training curve as a PNG, drawn by ImageJ's {@link Plot}: the training loss (mean of the last 50 steps, top
 * panel) and each held-out scene's validation gain over bicubic with their mean (bottom panel) against the step; the
 * kept step is marked in both.
 */
final class Curve {

	private static final Color[] COLOURS = { new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
		new Color(148, 103, 189) };
	private static final Color KEPT = new Color(214, 39, 40);
	private static final int WIDTH = 900, PANEL = 300;

	private Curve() {}

	static void write(final Path file, final List<Float> losses, final EarlyStopping stopping) {
		final int steps = Math.max(1, Math.max(losses.size(), stopping.history().get(stopping.history().size() - 1).step()));
		final EarlyStopping.Entry kept = stopping.chosen();

		final Plot loss = new Plot("Fine-tuning: training loss", "step", "loss (mean of 50 steps)");
		loss.setSize(WIDTH, PANEL);
		final double[] x = new double[losses.size()], y = new double[losses.size()];
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		for (int i = 0; i < losses.size(); i++) {
			x[i] = i + 1;
			y[i] = FineTune.mean(losses, i - 49, i + 1);
			lo = Math.min(lo, y[i]);
			hi = Math.max(hi, y[i]);
		}
		if (!(hi > lo)) {
			lo = lo == Double.MAX_VALUE ? 0 : lo - 1e-6;
			hi = lo + 2e-6;
		}
		loss.setLimits(0, steps, lo, hi);
		loss.setColor(Color.DARK_GRAY);
		loss.add("line", x, y);
		if (kept != null) {
			loss.setColor(KEPT);
			loss.drawLine(kept.step(), lo, kept.step(), hi);
		}

		final Plot gain = new Plot("Held-out scenes: validation gain over bicubic", "step", "gain over bicubic (dB)");
		gain.setSize(WIDTH, PANEL);
		final List<String> scenes = stopping.scenes();
		final int n = stopping.history().size();
		final double[] sx = new double[n];
		double vlo = 0, vhi = 0;
		for (int i = 0; i < n; i++) {
			final EarlyStopping.Entry e = stopping.history().get(i);
			sx[i] = e.step();
			for (final double v : e.gains().values()) {
				vlo = Math.min(vlo, v);
				vhi = Math.max(vhi, v);
			}
		}
		gain.setLimits(0, steps, vlo, vhi + 0.1);
		final List<String> series = new ArrayList<>(scenes);
		series.add("mean");
		for (int k = 0; k < series.size(); k++) {
			final boolean mean = k == scenes.size();
			final double[] sy = new double[n];
			for (int i = 0; i < n; i++) {
				final EarlyStopping.Entry e = stopping.history().get(i);
				sy[i] = mean ? e.mean() : e.gains().get(series.get(k));
			}
			gain.setColor(mean ? Color.BLACK : COLOURS[k % COLOURS.length]);
			gain.setLineWidth(mean ? 2.5f : 1.5f);
			gain.add("connected circle", sx, sy);
		}
		gain.setLineWidth(1);
		gain.addLegend(String.join("\n", series));
		if (kept != null) {
			gain.setColor(KEPT);
			gain.drawLine(kept.step(), vlo, kept.step(), vhi + 0.1);
			gain.addText("kept: step " + kept.step(), Math.min(kept.step() + steps * 0.01, steps * 0.8), vlo + (vhi + 0.1 - vlo) * 0.08);
		}

		final ImageProcessor top = loss.getProcessor().convertToRGB(), bottom = gain.getProcessor().convertToRGB();
		final ColorProcessor both = new ColorProcessor(Math.max(top.getWidth(), bottom.getWidth()), top.getHeight() + bottom.getHeight());
		both.setColor(Color.WHITE);
		both.fill();
		both.insert(top, 0, 0);
		both.insert(bottom, 0, top.getHeight());
		OutputFile.write(file, true, os -> {
			if (!ImageIO.write(both.getBufferedImage(), "png", os)) throw new IOException("no PNG writer");
		});
	}
}
