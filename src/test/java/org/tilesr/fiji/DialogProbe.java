package org.tilesr.fiji;

import java.awt.Button;
import java.awt.Choice;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dialog;
import java.awt.Label;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.TextField;
import java.awt.Window;
import java.io.File;

import javax.imageio.ImageIO;

/**
 * Opens the IJ1 command's real dialog (needs a display: run under Xvfb), prints what it offers, one line per
 * component ("label: ...", "choice: a,b", "text: ...", "button: ..."), and saves a picture of it when a PNG path is
 * given. usage: DialogProbe [PNG]
 */
public final class DialogProbe {

	private DialogProbe() {}

	public static void main(final String[] args) throws Exception {
		final Window dialog = open();
		print(dialog);
		if (args.length > 0) {
			final Rectangle r = dialog.getBounds();
			ImageIO.write(new Robot().createScreenCapture(r), "png", new File(args[0]));
		}
		System.exit(0);
	}

	/** The "TileSR Enhance File" dialog, shown from another thread the way a menu click shows it. */
	static Window open() throws InterruptedException {
		final Thread t = new Thread(() -> new EnhanceFilePlugin().run(""));
		t.setDaemon(true);
		t.start();
		for (int i = 0; i < 200; i++) {
			Thread.sleep(100);
			for (final Window w : Window.getWindows())
				if (w.isShowing() && w instanceof Dialog d && "TileSR Enhance File".equals(d.getTitle())) {
					Thread.sleep(500);
					return w;
				}
		}
		throw new IllegalStateException("the dialog did not show");
	}

	private static void print(final Component c) {
		if (c instanceof Label l) System.out.println("label: " + l.getText());
		else if (c instanceof Choice ch) {
			final StringBuilder sb = new StringBuilder();
			for (int i = 0; i < ch.getItemCount(); i++)
				sb.append(i > 0 ? "," : "").append(ch.getItem(i));
			System.out.println("choice: " + sb + " (selected " + ch.getSelectedItem() + ")");
		}
		else if (c instanceof TextField f) System.out.println("text: " + f.getText());
		else if (c instanceof Button b) System.out.println("button: " + b.getLabel());
		if (c instanceof Container k)
			for (final Component child : k.getComponents())
				print(child);
	}
}
