package org.hypertensor.plugin.api.engine;

/**
 * Consecutive decoder blocks {@code [start, end)} of a model, 0-based.
 *
 * @param start the first block
 * @param end one past the last block
 */
public record BlockRange(int start, int end) {

    public BlockRange {
        if (start < 0 || end <= start) {
            throw new RangeException("a block range needs 0 <= start < end, got [" + start + ", " + end + ")");
        }
    }

    /** Parses {@code START:END} (end exclusive), e.g. {@code 0:4}. */
    public static BlockRange parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != 2) {
            throw new RangeException("a block range is START:END, got '" + text + "'");
        }
        try {
            return new BlockRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new RangeException("a block range is START:END, got '" + text + "'");
        }
    }

    /** All blocks of a model with this many layers. */
    public static BlockRange all(int layers) {
        return new BlockRange(0, layers);
    }

    public int size() {
        return end - start;
    }

    public boolean contains(int block) {
        return block >= start && block < end;
    }

    /** Throws a {@link RangeException} unless every block exists in a model with this many layers. */
    public void checkWithin(int layers) {
        if (end > layers) {
            throw new RangeException("blocks " + this + " are beyond the model's " + layers + " blocks");
        }
    }

    @Override
    public String toString() {
        return start + ":" + end;
    }
}
