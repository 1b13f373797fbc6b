package org.tilesr.fiji;

import java.io.File;
import java.util.List;

import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.tilesr.TileSRException;
import org.tilesr.api.Batch;
import org.tilesr.api.Enhancer;
import org.tilesr.model.ModelCatalog;

/**
 * Plugins › Super-Resolution › TileSR Batch…: a folder into a folder, model loaded once, resumable, with a CSV
 * report. Runs headless: {@code ImageJ --headless --run "TileSR Batch" "input='…', output='…', model='…'"}.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Super-Resolution>TileSR Batch...", label = "TileSR Batch", headless = true)
public class BatchCommand extends TileSRCommand {

	@Parameter(label = "Input folder", style = "directory", persist = false)
	private File input;

	@Parameter(label = "File pattern", description = "glob, e.g. *.dcm or *.tif", persist = false, required = false)
	private String pattern = org.tilesr.api.BatchOptions.get("pattern").dflt();

	@Parameter(label = "Output folder", style = "directory", persist = false)
	private File output;

	@Parameter(label = "Overwrite finished outputs", persist = false)
	private boolean overwrite;

	@Parameter(type = ItemIO.OUTPUT)
	private int failed;

	@Parameter(type = ItemIO.OUTPUT)
	private String report;

	@Override
	public void run() {
		guarded(() -> {
			if (input == null || output == null) throw new TileSRException("batch", "input and output folders are needed");
			Batch.checkFolders(input.toPath(), output.toPath());
			final FijiProgress progress = progress();
			final List<Batch.Row> rows;
			try (Enhancer e = Enhancer.open(settings(), ModelCatalog.standard(), progress)) {
				rows = Batch.run(e, input.toPath(), pattern, output.toPath(), overwrite, progress, cancel);
			}
			failed = (int) Batch.failures(rows);
			report = output.toPath().resolve(Batch.REPORT).toString();
			for (final Batch.Row r : rows)
				if (r.status().equals("failed")) log.error("tilesr: " + r.error());
			// The last line, for pipelines that read the log (Fiji's --run does not pass an exit status).
			if (failed > 0) fail("batch: " + Batch.summary(rows, output.toPath()));
			else log.info("tilesr: batch: " + Batch.summary(rows, output.toPath()));
		});
	}
}
