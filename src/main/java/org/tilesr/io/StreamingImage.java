package org.tilesr.io;

import java.awt.Rectangle;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.awt.image.RenderedImage;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.util.Vector;
import java.util.function.Function;

/**
 * A {@link RenderedImage} whose tiles are produced on demand (by a function that may block until their rows
 * exist), so an ImageIO writer can stream an image that is never whole in memory.
 */
final class StreamingImage implements RenderedImage {

	private final int width;
	private final int height;
	private final int tile;
	private final SampleModel sampleModel;
	private final ColorModel colorModel;
	private final Function<Rectangle, Raster> tiles;

	StreamingImage(final int width, final int height, final int tile, final SampleModel sampleModel, final ColorModel colorModel,
		final Function<Rectangle, Raster> tiles)
	{
		this.width = width;
		this.height = height;
		this.tile = tile;
		this.sampleModel = sampleModel;
		this.colorModel = colorModel;
		this.tiles = tiles;
	}

	private int cachedX = -1;
	private int cachedY = -1;
	private Raster cached;

	@Override
	public synchronized Raster getTile(final int tx, final int ty) {
		if (tx != cachedX || ty != cachedY) {
			cached = tiles.apply(new Rectangle(tx * tile, ty * tile, tile, tile));
			cachedX = tx;
			cachedY = ty;
		}
		return cached;
	}

	/** Any part of one tile (writers read tiles row by row); the tile is produced once. */
	@Override
	public Raster getData(final Rectangle rect) {
		final int tx = rect.x / tile, ty = rect.y / tile;
		if ((rect.x + rect.width - 1) / tile != tx || (rect.y + rect.height - 1) / tile != ty)
			throw new UnsupportedOperationException("streamed image: reads within one tile only, not " + rect);
		final Raster t = getTile(tx, ty);
		final WritableRaster copy = t.createCompatibleWritableRaster(rect);
		copy.setRect(t.createChild(rect.x, rect.y, rect.width, rect.height, rect.x, rect.y, null));
		return copy;
	}

	@Override
	public Raster getData() {
		throw new UnsupportedOperationException("streamed image: the whole image is never in memory");
	}

	@Override
	public WritableRaster copyData(final WritableRaster raster) {
		throw new UnsupportedOperationException("streamed image");
	}

	@Override
	public Vector<RenderedImage> getSources() {
		return null;
	}

	@Override
	public Object getProperty(final String name) {
		return java.awt.Image.UndefinedProperty;
	}

	@Override
	public String[] getPropertyNames() {
		return null;
	}

	@Override
	public ColorModel getColorModel() {
		return colorModel;
	}

	@Override
	public SampleModel getSampleModel() {
		return sampleModel;
	}

	@Override
	public int getWidth() {
		return width;
	}

	@Override
	public int getHeight() {
		return height;
	}

	@Override
	public int getMinX() {
		return 0;
	}

	@Override
	public int getMinY() {
		return 0;
	}

	@Override
	public int getNumXTiles() {
		return (width + tile - 1) / tile;
	}

	@Override
	public int getNumYTiles() {
		return (height + tile - 1) / tile;
	}

	@Override
	public int getMinTileX() {
		return 0;
	}

	@Override
	public int getMinTileY() {
		return 0;
	}

	@Override
	public int getTileWidth() {
		return tile;
	}

	@Override
	public int getTileHeight() {
		return tile;
	}

	@Override
	public int getTileGridXOffset() {
		return 0;
	}

	@Override
	public int getTileGridYOffset() {
		return 0;
	}
}
