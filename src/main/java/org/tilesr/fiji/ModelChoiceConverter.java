package org.tilesr.fiji;

import java.util.Collection;

import org.scijava.convert.AbstractConverter;
import org.scijava.convert.Converter;
import org.scijava.plugin.Plugin;
import org.tilesr.TileSRException;
import org.tilesr.model.ModelCatalog;

/**
 * Text to {@link ModelChoice}, for macros, scripts and {@code --run} arguments ({@code model='ct-mri-x4'}); and, as
 * the candidates a dialog's object widget lists, every card TileSR finds, read again each time a dialog opens.
 */
@Plugin(type = Converter.class)
public class ModelChoiceConverter extends AbstractConverter<String, ModelChoice> {

	@Override
	@SuppressWarnings("unchecked")
	public <T> T convert(final Object src, final Class<T> dest) {
		return src == null || src.toString().isBlank() ? null : (T) new ModelChoice(src.toString());
	}

	@Override
	public void populateInputCandidates(final Collection<Object> objects) {
		for (final String id : installed())
			objects.add(new ModelChoice(id));
	}

	/**
	 * The ids of every card in the catalog's folders. When none can be read the default model is offered, so the
	 * dialog still has a choice and running it gives the engine's one-line reason.
	 */
	static java.util.List<String> installed() {
		try {
			final java.util.List<String> ids = java.util.List.copyOf(ModelCatalog.standard().cards().keySet());
			if (!ids.isEmpty()) return ids;
		}
		catch (final TileSRException e) {
			// fall through: the run reports it
		}
		return java.util.List.of(org.tilesr.api.EnhanceSettings.DEFAULT_MODEL);
	}

	@Override
	public Class<ModelChoice> getOutputType() {
		return ModelChoice.class;
	}

	@Override
	public Class<String> getInputType() {
		return String.class;
	}
}
