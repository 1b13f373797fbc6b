package org.tilesr.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.scijava.command.Command;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.tilesr.Images;
import org.tilesr.TestData;
import org.tilesr.cli.Main;

/**
 * The SciJava commands run headless with the argument maps a macro, a script or Fiji's --run passes, through
 * {@code commandService.run(info, true, inputs).get()}: every command returns a real future and the finished module
 * with its outputs.
 */
class FijiCommandsTest {

	private static Context context;

	@TempDir
	Path tmp;

	@BeforeAll
	static void context() {
		System.setProperty("tilesr.models", TestData.root().resolve("models").toString());
		context = new Context(CommandService.class, ConvertService.class, org.scijava.object.ObjectService.class);
	}

	@AfterAll
	static void dispose() {
		context.dispose();
	}

	/** What a script does: {@code commandService.run(info, true, inputs).get()}. */
	private static CommandModule run(final Class<? extends Command> c, final Map<String, Object> args) throws Exception {
		final CommandService commands = context.service(CommandService.class);
		final java.util.concurrent.Future<CommandModule> future = commands.run(commands.getCommand(c), true, args);
		assertNotNull(future, c.getSimpleName() + ": CommandService.run returned no future");
		final CommandModule m = future.get();
		assertTrue(future.isDone());
		return m;
	}

	@Test
	void modelChoicesComeFromTheCards() throws Exception {
		// What a dialog's object widget lists for the model input: every card found, read when the dialog opens.
		final java.util.List<String> choices = context.service(ConvertService.class).getCompatibleInputs(ModelChoice.class).stream()
			.map(o -> context.service(org.scijava.object.ObjectService.class).getName(o)).toList();
		assertEquals(List.copyOf(org.tilesr.model.ModelCatalog.standard().cards().keySet()), choices);
		assertTrue(choices.contains("esrgan-thick-x4") && choices.contains("nearest-x2"), choices.toString());
		final CommandModule m = run(EnhanceCommand.class, Map.of("image", Images.open(TestData.shared("medical/mr-brain-pd/brain_010.dcm")),
			"model", "nearest-x2", "device", "cpu"));
		assertEquals(new ModelChoice("nearest-x2"), m.getInput("model"), "a caller's model (text) is converted and kept");
		assertFalse(m.isCanceled(), m.getCancelReason());
	}

	@Test
	void theDialogShowsAGanModelsWarningUnderTheModel() throws Exception {
		// What the dialog does: initialize the module (the note's initializer), then the model's callback on a change.
		for (final Class<? extends Command> c : List.of(EnhanceCommand.class, BatchCommand.class)) {
			final org.scijava.command.CommandInfo info = context.service(CommandService.class).getCommand(c);
			final org.scijava.module.Module m = context.service(org.scijava.module.ModuleService.class).createModule(info);
			m.initialize();
			assertEquals("", m.getInput("modelNote"), "the default model has no warning");
			m.setInput("model", new ModelChoice("satellite-gan-x4"));
			info.getInput("model").callback(m);
			final String note = String.valueOf(m.getInput("modelNote"));
			assertTrue(note.startsWith("Warning: satellite-gan-x4 is adversarially trained") && note.contains("not for quantitative measurement"), note);
			assertEquals(org.scijava.ItemVisibility.MESSAGE, info.getInput("modelNote").getVisibility());
			m.setInput("model", new ModelChoice("satellite-x4"));
			info.getInput("model").callback(m);
			assertEquals("", m.getInput("modelNote"), "a fidelity model has none");
		}
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
		final CommandModule m = run(BatchCommand.class, args);
		assertEquals(1, m.getOutput("failed"));
		assertEquals(out.resolve("tilesr-report.csv").toString(), m.getOutput("report"));
		assertFalse(m.isCanceled(), "a batch that ran is finished, its failures are in its outputs: " + m.getCancelReason());
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
		final CommandModule m = run(EnhanceCommand.class, args);
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
		final CommandModule m = run(EnhanceCommand.class, Map.of("image", mr, "model", "nearest-x2", "device", "tpu", "normalization", "range"));
		assertTrue(m.isCanceled() && m.getCancelReason().contains("'tpu' is not one of auto, cpu, gpu or gpu:N"), String.valueOf(m.getCancelReason()));
	}

	@Test
	void fineTuneCommandTrainsAModelInAChildProcess() throws Exception {
		final java.io.File out = tmp.resolve("tiny").toFile();
		final Map<String, Object> args = Map.of("train", TestData.root().resolve("sample-data/mr-brain-pd/brain_010.dcm").toString(),
			"base", "esrgan-thick-x2", "id", "tiny-x2", "output", out, "steps", 3, "batch", 1, "patch", 16, "lr", 1e-5, "device", "cpu");
		System.setProperty("tilesr.models", org.tilesr.TestModels.folder() + java.io.File.pathSeparator + TestData.root().resolve("models"));
		final CommandModule m = run(FineTuneCommand.class, args);
		assertFalse(m.isCanceled(), m.getCancelReason());
		assertEquals(out.toPath().resolve("card.json").toAbsolutePath().toString(), m.getOutput("card"));
		assertEquals("tiny-x2", org.tilesr.model.ModelCard.read(out.toPath().resolve("card.json")).id);
		assertEquals(4, Files.readAllLines(out.toPath().resolve("training-log.csv")).size());
	}
}
