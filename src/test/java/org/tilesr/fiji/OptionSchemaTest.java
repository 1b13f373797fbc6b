package org.tilesr.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.tilesr.TestData;
import org.tilesr.TileSRException;
import org.tilesr.api.EnhanceOptions;
import org.tilesr.api.EnhanceSettings;
import org.tilesr.api.Option;
import org.tilesr.cli.Args;
import org.tilesr.train.FineTune;
import org.tilesr.train.FineTuneOptions;

/**
 * Every option of the schema ({@link EnhanceOptions}) is found with the same name, default and choices in the CLI's
 * help and parser, the SciJava commands' inputs (Enhance, Batch), the IJ1 dialog's macro keys and the options table
 * of docs/fiji.md; "auto" and the old numbers for it mean the model's value everywhere; one meaning of alpha 1.
 */
class OptionSchemaTest {

	@Test
	void cliHelpAndParserHaveEveryOption() {
		final String help = help();
		for (final Option o : EnhanceOptions.ALL) {
			assertTrue(help.contains("[" + o.usage() + "]"), o.usage() + " in the usage\n" + help);
			if (o.kind() != Option.Kind.FLAG && !o.dflt().isEmpty()) assertTrue(help.lines().anyMatch(l -> l.trim().startsWith(o.usage())
				&& l.contains("(default " + o.dflt() + ")")), o.name() + " with its default in the help");
		}
		// the parser takes every option by name, with its default as the value, and by its old names
		final List<String> args = new ArrayList<>();
		for (final Option o : EnhanceOptions.ALL) {
			if (o.kind() == Option.Kind.FLAG) args.add("--" + o.name());
			else if (!o.dflt().isEmpty()) args.addAll(List.of("--" + o.name(), o.dflt()));
		}
		final Args a = new Args(args, org.tilesr.cli.EnhanceCommand.FLAGS);
		final EnhanceSettings s = org.tilesr.cli.EnhanceCommand.settings(a);
		a.rejectUnknown();
		assertNull(s.tile());
		assertEquals("percentile", org.tilesr.cli.EnhanceCommand.settings(new Args(List.of("--norm", "percentile"), org.tilesr.cli.EnhanceCommand.FLAGS)).normalization().mode().id());
	}

	@Test
	void sciJavaCommandsHaveTheDialogOptions() {
		try (Context context = new Context(CommandService.class, ModuleService.class, org.scijava.convert.ConvertService.class)) {
			for (final Class<? extends Command> c : List.of(EnhanceCommand.class, BatchCommand.class)) {
				final CommandInfo info = context.service(CommandService.class).getCommand(c);
				final Module m = context.service(ModuleService.class).createModule(info);
				for (final Option o : EnhanceOptions.dialog()) {
					final ModuleItem<?> item = info.getInput(o.name());
					assertNotNull(item, c.getSimpleName() + " has no input " + o.name());
					final Object v = m.getInput(o.name());
					final String value = v instanceof ModelChoice mc ? mc.id() : String.valueOf(v);
					if (o.kind() == Option.Kind.NUMBER) assertEquals(Double.parseDouble(o.dflt()), Double.parseDouble(value), 0, c.getSimpleName() + "." + o.name());
					else assertEquals(o.dflt(), value, c.getSimpleName() + "." + o.name() + " default");
					if (o.kind() == Option.Kind.CHOICE) assertEquals(o.choices(), item.getChoices(), c.getSimpleName() + "." + o.name() + " choices");
				}
			}
		}
	}

	@Test
	void fineTuneOptionsAreTheSameInTheCliAndFiji() {
		final String help = help();
		for (final Option o : org.tilesr.eval.EvaluateOptions.ALL)
			assertTrue(help.contains("[" + o.usage() + "]"), "evaluate's " + o.usage() + " in the usage");
		for (final Option o : FineTuneOptions.ALL) {
			assertTrue(help.contains("[" + o.usage() + "]"), o.usage() + " in the usage");
			if (o.kind() != Option.Kind.FLAG && !o.dflt().isEmpty()) assertTrue(help.contains(" (default " + o.dflt() + ")"), o.name());
		}
		// the settings from no option but the two needed are the defaults
		final FineTune.Settings d = FineTuneOptions.settings(Map.of("id", "x", "output", "/tmp/x")::get);
		assertEquals(FineTune.Settings.defaults(d.base(), "x", d.out()), d);
		try (Context context = new Context(CommandService.class, ModuleService.class, org.scijava.convert.ConvertService.class)) {
			final CommandInfo info = context.service(CommandService.class).getCommand(FineTuneCommand.class);
			final Module m = context.service(ModuleService.class).createModule(info);
			for (final Option o : org.tilesr.eval.EvaluateOptions.ALL)
			assertTrue(help.contains("[" + o.usage() + "]"), "evaluate's " + o.usage() + " in the usage");
		for (final Option o : FineTuneOptions.ALL) {
				if (!o.dialog()) continue;
				final String name = camel(o.name());
				assertNotNull(info.getInput(name), "Fine-tune has no input " + name);
				final Object v = m.getInput(name);
				if (o.kind() == Option.Kind.NUMBER || o.kind() == Option.Kind.WHOLE)
					assertEquals(Double.parseDouble(o.dflt()), ((Number) v).doubleValue(), 0, name + " default");
				else if (!o.dflt().isEmpty()) assertEquals(o.dflt(), String.valueOf(v), name + " default");
				if (o.kind() == Option.Kind.CHOICE) assertEquals(o.choices(), info.getInput(name).getChoices(), name + " choices");
			}
		}
	}

	/** What ./tilesr help prints. */
	private static String help() {
		final ByteArrayOutputStream out = new ByteArrayOutputStream();
		org.tilesr.cli.Main.run(List.of("help"), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
		return out.toString(StandardCharsets.UTF_8);
	}

	/** A SciJava parameter's name for an option: held-out is heldOut. */
	private static String camel(final String name) {
		final StringBuilder sb = new StringBuilder();
		for (final String part : name.split("-")) sb.append(sb.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		return sb.toString();
	}

	@Test
	void fileOptionsAreTheSameInTheCliAndFiji() {
		final String help = help();
		for (final Option o : org.tilesr.api.BatchOptions.ALL) assertTrue(help.contains(o.usage()), o.usage() + " in the help");
		try (Context context = new Context(CommandService.class, ModuleService.class, org.scijava.convert.ConvertService.class)) {
			final CommandInfo info = context.service(CommandService.class).getCommand(BatchCommand.class);
			final Module m = context.service(ModuleService.class).createModule(info);
			for (final Option o : org.tilesr.api.BatchOptions.ALL) {
				assertNotNull(info.getInput(o.name()), "Batch has no input " + o.name());
				assertEquals(o.dflt(), String.valueOf(m.getInput(o.name())), o.name() + " default");
			}
		}
		// the IJ1 command's overwrite checkbox answers to the same macro key
		assertEquals(org.tilesr.api.BatchOptions.get("overwrite").name(), ij.Macro.trimKey(EnhanceFilePlugin.OVERWRITE));
	}

	@Test
	void ij1DialogMacroKeysAreTheNames() {
		for (final Option o : EnhanceOptions.dialog())
			assertEquals(o.name(), ij.Macro.trimKey(o.label()), "the macro key of '" + o.label() + "'");
	}

	@Test
	void docsTableHasEveryDialogOptionWithItsDefault() throws Exception {
		final List<String> rows = Files.readAllLines(TestData.root().resolve("docs/fiji.md")).stream().filter(l -> l.startsWith("| `")).toList();
		for (final Option o : EnhanceOptions.dialog()) {
			final String row = rows.stream().filter(r -> r.startsWith("| `" + o.name() + "` |")).findFirst().orElse(null);
			assertNotNull(row, o.name() + " in docs/fiji.md's options table");
			assertTrue(row.endsWith("| `" + o.dflt() + "` |"), o.name() + ": default " + o.dflt() + " in " + row);
		}
	}

	@Test
	void autoMeansTheModelsValueEverywhere() {
		for (final Map<String, String> given : List.of(Map.of("tile", "auto", "halo", "AUTO ", "scale", ""), Map.of("tile", "0", "halo", "-1", "scale", "0"))) {
			final EnhanceSettings s = EnhanceOptions.settings(given::get);
			assertNull(s.tile());
			assertNull(s.halo());
			assertEquals(0, s.scale());
		}
		final EnhanceSettings s = EnhanceOptions.settings(Map.of("tile", "64.0", "halo", "0", "alpha", "1")::get);
		assertEquals(64, s.tile(), "ImageJ writes numbers as 64.0 at times");
		assertEquals(0, s.halo(), "a halo of 0 is a real value");
		assertNull(s.alpha(), "alpha 1 is the model alone: no other model loaded");
		assertEquals(0.5, EnhanceOptions.settings(Map.of("alpha", "0.5")::get).alpha());
		final TileSRException e = assertThrows(TileSRException.class, () -> EnhanceOptions.settings(Map.of("tile", "big")::get));
		assertEquals("tile: 'big' is not a whole number or auto", e.getMessage());
		assertEquals("tile: must be 8..4096 input pixels or auto, got 4", assertThrows(TileSRException.class,
			() -> EnhanceOptions.settings(Map.of("tile", "4")::get)).getMessage());
		assertThrows(TileSRException.class, () -> EnhanceOptions.settings(Map.of("device", "tpu")::get));
		assertThrows(TileSRException.class, () -> EnhanceOptions.settings(Map.of("normalization", "fixed")::get), "fixed needs low and high");
	}
}
