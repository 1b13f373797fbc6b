package org.tilesr.fiji;

import ij.ImagePlus;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.tilesr.TileSRException;
import org.tilesr.api.Enhancer;
import org.tilesr.model.ModelCatalog;

/** Plugins › Super-Resolution › TileSR Enhance…: the current image (2D, stack, hyperstack) through a model. */
@Plugin(type = Command.class, menuPath = "Plugins>Super-Resolution>TileSR Enhance...", label = "TileSR Enhance")
public class EnhanceCommand extends TileSRCommand {

	@Parameter(label = "Image")
	private ImagePlus image;

	@Parameter(type = ItemIO.OUTPUT)
	private ImagePlus result;

	@Override
	public void run() {
		guarded(() -> {
			if (image == null) throw new TileSRException("image", "no image");
			final FijiProgress progress = progress();
			try (Enhancer e = Enhancer.open(settings(), ModelCatalog.standard(), progress)) {
				result = e.enhance(image, null, progress, cancel);
			}
		});
	}
}
