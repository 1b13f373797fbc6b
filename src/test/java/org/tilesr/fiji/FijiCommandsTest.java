package org.tilesr.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;
import org.tilesr.Images;
import org.tilesr.TestData;
import org.tilesr.cli.Main;

/**
 * The SciJava commands run headless with the argument maps a macro or Fiji would pass: found through CommandService
 * and run by ModuleService, as Fiji's menus and --run do (the commands are DynamicCommands, for which
 * CommandService.run returns no module by design).
 */
class FijiCommandsTest {

	private static Context context;

	@TempDir
	Path tmp;

	@BeforeAll
	static void context() {
		System.setProperty("tilesr.models", TestData.root().resolve("models").toString());
		context = new Context(CommandService.class);
	}

	@AfterAll
	static void dispose() {
		context.dispose();
	}

	private static TileSRCommand run(final Class<? extends TileSRCommand> c, final Map<String, Object> args) throws Exception {
		return (TileSRCommand) context.service(ModuleService.class).run(context.service(CommandService.class).getCommand(c), true, args).get();
	}

	@Test
	void modelChoicesComeFromTheCards() throws Exception {
		final Map<String, Object> args = Map.of("image", Images.open(TestData.shared("medical/mr-brain-pd/brain_010.dcm")),
			"model", "nearest-x2", "device", "cpu");
		final TileSRCommand m = run(EnhanceCommand.class, args);
		final java.util.List<String> choices = m.getInfo().getMutableInput("model", String.class).getChoices();
		assertEquals(List.copyOf(org.tilesr.model.ModelCatalog.standard().cards().keySet()), choices);
		assertTrue(choices.contains("esrgan-thick-x4") && choices.contains("nearest-x2"), choices.toString());
		assertEquals("nearest-x2", m.getInput("model"), "a caller's model is kept");
	}

	private Path folderWithOneCorruptFile() throws Exception {
		final Path in = Files.createDirectories(tmp.resolve("in"));
		for (final String n : new String[] { "brain_009.dcm", "brain_010.dcm" })
			Files.copy(TestData.shared("medical/mr-brain-pd/" + n), in.resolve(n));
		Files.writeString(in.resolve("broken.dcm"), "DICM but not really\n");
		return in;
	}

	@Test
	void batchReportsTheCorruptFileFinishesTheOthersAndResumes() throws Exception {
		final Path in = folderWithOneCorruptFile(), out = tmp.resolve("out");
		final Map<String, Object> args = Map.of("input", in.toFile(), "pattern", "*.dcm", "output", out.toFile(), "model", "nearest-x2",
			"device", "cpu", "tile", 0, "halo", -1, "normalization", "range", "overwrite", false);
		final TileSRCommand m = run(BatchCommand.class, args);
		assertEquals(1, m.getOutput("failed"));
		assertTrue(m.isCanceled() && m.getCancelReason().contains("1 of 3 files failed"), m.getCancelReason());
		assertTrue(Files.exists(out.resolve("brain_009_tilesr.tif")));
		assertTrue(Files.exists(out.resolve("brain_010_tilesr.tif")));
		assertFalse(Files.exists(out.resolve("broken_tilesr.tif")));
		final List<String> report = Files.readAllLines(out.resolve("tilesr-report.csv"));
		assertEquals("file,status,seconds,output,error", report.get(0));
		assertTrue(report.get(1).startsWith("brain_009.dcm,ok,"), report.toString());
		assertTrue(report.get(3).startsWith("broken.dcm,failed,") && report.get(3).contains("broken.dcm"), report.toString());
		final ImagePlus res = Images.open(out.resolve("brain_010_tilesr.tif"));
		assertEquals(512, res.getWidth());

		// Resumable: a second run skips what is done; the CLI says so and exits 1 for the corrupt file.
		final ByteArrayOutputStream so = new ByteArrayOutputStream();
		final int status = Main.run(List.of("batch", in.toString(), out.toString(), "--model", "nearest-x2", "--pattern", "*.dcm"),
			new PrintStream(so, true), new PrintStream(new ByteArrayOutputStream(), true));
		assertEquals(1, status);
		assertTrue(so.toString().contains("0 enhanced, 2 skipped (done before), 1 failed"), so.toString());
	}

	@Test
	void enhanceCommandOnAnOpenImage() throws Exception {
		final ImagePlus mr = Images.open(TestData.shared("medical/mr-brain-pd/brain_010.dcm"));
		final Map<String, Object> args = Map.of("image", mr, "model", "nearest-x2", "device", "cpu", "tile", 64, "halo", -1,
			"normalization", "percentile", "low", 1.0, "high", 99.0, "clip", false);
		final TileSRCommand m = run(EnhanceCommand.class, args);
		assertFalse(m.isCanceled(), m.getCancelReason());
		final ImagePlus res = (ImagePlus) m.getOutput("result");
		assertEquals(512, res.getWidth());
		assertEquals(16, res.getBitDepth());
		assertEquals(mr.getCalibration().pixelWidth / 2, res.getCalibration().pixelWidth, 1e-12);
		assertEquals(mr.getProcessor().getf(100, 100), res.getProcessor().getf(200, 200), 0);
		assertTrue(res.getInfoProperty().contains("tilesr.normalization = percentile 1..99"), res.getInfoProperty());
	}

	@Test
	void invalidChoicesFromCodeAreRejected() throws Exception {
		final ImagePlus mr = Images.open(TestData.shared("medical/mr-brain-pd/brain_010.dcm"));
		final TileSRCommand m = run(EnhanceCommand.class, Map.of("image", mr, "model", "nearest-x2", "device", "tpu", "normalization", "range"));
		assertTrue(m.isCanceled() && m.getCancelReason().contains("'tpu' is not cpu, gpu or gpu:N"), String.valueOf(m.getCancelReason()));
	}

	@Test
	void fineTuneCommandTrainsAModelInAChildProcess() throws Exception {
		final java.io.File out = tmp.resolve("tiny").toFile();
		final Map<String, Object> args = Map.of("train", TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm").toString(),
			"base", "esrgan-thick-x2", "id", "tiny-x2", "output", out, "steps", 3, "batch", 1, "patch", 16, "lr", 1e-5, "device", "cpu");
		System.setProperty("tilesr.models", org.tilesr.TestModels.folder() + java.io.File.pathSeparator + TestData.root().resolve("models"));
		final org.scijava.module.Module m = context.service(ModuleService.class)
			.run(context.service(CommandService.class).getCommand(FineTuneCommand.class), true, args).get();
		assertFalse(((org.scijava.Cancelable) m).isCanceled(), ((org.scijava.Cancelable) m).getCancelReason());
		assertEquals(out.toPath().resolve("card.json").toAbsolutePath().toString(), m.getOutput("card"));
		assertEquals("tiny-x2", org.tilesr.model.ModelCard.read(out.toPath().resolve("card.json")).id);
		assertEquals(4, Files.readAllLines(out.toPath().resolve("training-log.csv")).size());
	}
}
