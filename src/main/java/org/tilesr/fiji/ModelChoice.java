package org.tilesr.fiji;

/**
 * The model input of the SciJava commands: a model id, or a folder holding a {@code card.json}. A type of its own,
 * not a String, so that the dialogs can offer every installed card as a choice (see {@link ModelChoiceConverter})
 * while the commands stay plain {@code Command}s, whose {@code CommandService.run} returns a real future.
 */
public record ModelChoice(String id) {

	public ModelChoice {
		if (id == null || id.isBlank()) throw new IllegalArgumentException("no model given");
		id = id.trim();
	}

	/** What macros record and what the dialog shows. */
	@Override
	public String toString() {
		return id;
	}
}
