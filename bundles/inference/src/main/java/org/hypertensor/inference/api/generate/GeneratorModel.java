package org.hypertensor.inference.api.generate;

/**
 * A model a {@link TextGenerator} offers.
 *
 * @param id what clients name it by (the OpenAI API's {@code model})
 * @param subnet the subnet that hosts it, or 0 for a model only this node has
 * @param maxPositions prompt plus completion tokens it can take
 * @param description one line for operators
 */
public record GeneratorModel(String id, long subnet, int maxPositions, String description) {}
