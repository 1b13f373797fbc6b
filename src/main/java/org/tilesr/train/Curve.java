package org.tilesr.train;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.tilesr.io.OutputFile;

/**
 * The training curve as a PNG: the training loss (mean of the last 50 steps, top panel) and each held-out scene's
 * validation gain over bicubic with their mean (bottom panel) against the step; the kept step is marked.
 */
final class Curve {

	private static final Color[] COLOURS = { new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
		new Color(148, 103, 189) };

	private Curve() {}

	static void write(final Path file, final List<Float> losses, final EarlyStopping stopping) {
		final int w = 900, h = 640, left = 80, right = 200, gap = 60, top = 40, panel = (h - top - gap - 50) / 2;
		final int steps = Math.max(1, Math.max(losses.size(), stopping.history().get(stopping.history().size() - 1).step()));
		final BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		final Graphics2D g = img.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, w, h);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
		g.drawString("Fine-tuning: training loss and held-out scenes", left, 24);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		final double[] smooth = new double[losses.size()];
		double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
		for (int i = 0; i < losses.size(); i++) {
			smooth[i] = FineTune.mean(losses, i - 49, i + 1);
			lo = Math.min(lo, smooth[i]);
			hi = Math.max(hi, smooth[i]);
		}
		final int x0 = left, x1 = w - right;
		axes(g, x0, top, x1, top + panel, lo, hi, "loss (mean of 50 steps)");
		g.setColor(Color.DARK_GRAY);
		for (int i = 1; i < smooth.length; i++)
			g.drawLine(x(i - 1, steps, x0, x1), y(smooth[i - 1], lo, hi, top, panel), x(i, steps, x0, x1), y(smooth[i], lo, hi, top, panel));
		final List<String> scenes = stopping.scenes();
		double vlo = 0, vhi = 0;
		for (final EarlyStopping.Entry e : stopping.history())
			for (final double v : e.gains().values()) {
				vlo = Math.min(vlo, v);
				vhi = Math.max(vhi, v);
			}
		final int vtop = top + panel + gap;
		axes(g, x0, vtop, x1, vtop + panel, vlo, vhi + 0.1, "validation gain over bicubic (dB)");
		final List<String> series = new ArrayList<>(scenes);
		series.add("mean");
		for (int k = 0; k < series.size(); k++) {
			final boolean mean = k == scenes.size();
			g.setColor(mean ? Color.BLACK : COLOURS[k % COLOURS.length]);
			g.setStroke(new BasicStroke(mean ? 2.5f : 1.5f));
			int px = -1, py = -1;
			for (final EarlyStopping.Entry e : stopping.history()) {
				final double v = mean ? e.mean() : e.gains().get(series.get(k));
				final int cx = x(e.step(), steps, x0, x1), cy = y(v, vlo, vhi + 0.1, vtop, panel);
				if (px >= 0) g.drawLine(px, py, cx, cy);
				g.fillOval(cx - 3, cy - 3, 6, 6);
				px = cx;
				py = cy;
			}
			g.fillRect(x1 + 15, vtop + 10 + k * 18, 12, 12);
			g.drawString(series.get(k), x1 + 32, vtop + 20 + k * 18);
		}
		g.setStroke(new BasicStroke(1));
		if (stopping.chosen() != null) {
			final int cx = x(stopping.chosen().step(), steps, x0, x1);
			g.setColor(new Color(214, 39, 40));
			g.drawLine(cx, top, cx, vtop + panel);
			g.drawString("kept: step " + stopping.chosen().step(), cx + 4, vtop + panel - 6);
		}
		g.setColor(Color.BLACK);
		for (int t = 0; t <= 4; t++) {
			final int s = steps * t / 4, cx = x(s, steps, x0, x1);
			g.drawString(Integer.toString(s), cx - 10, vtop + panel + 16);
		}
		g.drawString("step", (x0 + x1) / 2, vtop + panel + 34);
		g.dispose();
		OutputFile.write(file, true, os -> {
			if (!ImageIO.write(img, "png", os)) throw new IOException("no PNG writer");
		});
	}

	private static void axes(final Graphics2D g, final int x0, final int y0, final int x1, final int y1, final double lo, final double hi,
		final String label)
	{
		g.setColor(Color.BLACK);
		g.drawRect(x0, y0, x1 - x0, y1 - y0);
		g.drawString(label, x0, y0 - 6);
		// enough decimals that neighbouring labels differ (small losses: 0.0024, 0.0027, ...)
		final double tick = (hi - lo) / 4;
		final int decimals = tick > 0 ? Math.max(3, Math.min(8, 1 - (int) Math.floor(Math.log10(tick)))) : 3;
		for (int t = 0; t <= 4; t++) {
			final double v = lo + (hi - lo) * t / 4;
			final int y = y1 - (y1 - y0) * t / 4;
			g.setColor(new Color(225, 225, 225));
			g.drawLine(x0 + 1, y, x1 - 1, y);
			g.setColor(Color.BLACK);
			g.drawString(String.format(Locale.ROOT, "%." + decimals + "f", v), 10, y + 4);
		}
	}

	private static int x(final int step, final int steps, final int x0, final int x1) {
		return x0 + (int) Math.round((x1 - x0) * step / (double) steps);
	}

	private static int y(final double v, final double lo, final double hi, final int top, final int panel) {
		return top + panel - (int) Math.round(panel * (v - lo) / Math.max(1e-9, hi - lo));
	}
}
