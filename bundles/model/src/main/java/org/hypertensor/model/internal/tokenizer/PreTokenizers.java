package org.hypertensor.model.internal.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hypertensor.model.internal.json.Json;

/**
 * The {@code pre_tokenizer} of a tokenizer.json: splits normalized text into the pieces the model encodes
 * one by one (Split, ByteLevel, Metaspace, Digits, Sequence, as HF tokenizers defines them); an
 * unsupported type or option is refused by name.
 */
final class PreTokenizers {

    /** A pre-tokenizer: pieces in, pieces out. */
    interface PreTokenizer extends UnaryOperator<List<Piece>> {}

    private PreTokenizers() {}

    static PreTokenizer parse(Object json) {
        if (json == null) {
            return pieces -> pieces;
        }
        Map<String, Object> p = Json.object(json, "'pre_tokenizer'");
        String type = Json.string(p, "type");
        return switch (type) {
            case "Sequence" -> {
                List<PreTokenizer> steps = Json.array(p.get("pretokenizers"), "'pretokenizers'").stream()
                        .map(PreTokenizers::parse)
                        .toList();
                yield pieces -> {
                    for (PreTokenizer step : steps) {
                        pieces = step.apply(pieces);
                    }
                    return pieces;
                };
            }
            case "Split" -> {
                if (Boolean.TRUE.equals(p.get("invert"))) {
                    throw new IllegalArgumentException("Split pre-tokenizer with invert true is not supported");
                }
                Pattern pattern = Normalizers.pattern(p.get("pattern"));
                String behavior = Json.string(p, "behavior");
                behavior(behavior);
                yield pieces -> each(pieces, piece -> split(piece, pattern, behavior));
            }
            case "ByteLevel" -> {
                boolean prefixSpace = !Boolean.FALSE.equals(p.get("add_prefix_space"));
                boolean regex = !Boolean.FALSE.equals(p.get("use_regex"));
                yield pieces -> each(pieces, piece -> {
                    Piece spaced = prefixSpace && !piece.text().startsWith(" ")
                            ? new Piece(" " + piece.text(), piece.atStart())
                            : piece;
                    List<Piece> parts = regex ? split(spaced, ByteLevel.GPT2_SPLIT, "Isolated") : List.of(spaced);
                    return parts.stream()
                            .map(part -> new Piece(ByteLevel.encode(part.text()), part.atStart()))
                            .toList();
                });
            }
            case "Metaspace" -> metaspace(p);
            case "Digits" -> {
                Pattern digits =
                        Pattern.compile(Boolean.TRUE.equals(p.get("individual_digits")) ? "\\p{Nd}" : "\\p{Nd}+");
                yield pieces -> each(pieces, piece -> split(piece, digits, "Isolated"));
            }
            default -> throw new IllegalArgumentException("pre_tokenizer type '" + type + "' is not supported");
        };
    }

    private static PreTokenizer metaspace(Map<String, Object> p) {
        String replacement = Json.string(p, "replacement");
        String scheme = p.get("prepend_scheme") instanceof String s
                ? s
                : Boolean.FALSE.equals(p.get("add_prefix_space")) ? "never" : "always";
        if (!scheme.equals("always") && !scheme.equals("first") && !scheme.equals("never")) {
            throw new IllegalArgumentException("Metaspace prepend_scheme '" + scheme + "' is not supported");
        }
        boolean split = !Boolean.FALSE.equals(p.get("split"));
        Pattern on = Pattern.compile(Pattern.quote(replacement));
        return pieces -> each(pieces, piece -> {
            String text = piece.text().replace(" ", replacement);
            boolean prepend = scheme.equals("always") || (scheme.equals("first") && piece.atStart());
            if (prepend && !text.startsWith(replacement)) {
                text = replacement + text;
            }
            Piece replaced = new Piece(text, piece.atStart());
            return split ? split(replaced, on, "MergedWithNext") : List.of(replaced);
        });
    }

    private static void behavior(String behavior) {
        switch (behavior) {
            case "Isolated", "Removed", "MergedWithPrevious", "MergedWithNext", "Contiguous" -> {}
            default -> throw new IllegalArgumentException("Split behavior '" + behavior + "' is not supported");
        }
    }

    private static List<Piece> each(List<Piece> pieces, java.util.function.Function<Piece, List<Piece>> f) {
        List<Piece> out = new ArrayList<>();
        for (Piece piece : pieces) {
            out.addAll(f.apply(piece));
        }
        return out;
    }

    /** Splits at the pattern's matches, keeping the delimiters as {@code behavior} says (HF's names). */
    static List<Piece> split(Piece piece, Pattern pattern, String behavior) {
        String text = piece.text();
        List<int[]> parts = new ArrayList<>(); // {from, to, isMatch}
        Matcher m = pattern.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            if (m.start() > last) {
                parts.add(new int[] {last, m.start(), 0});
            }
            parts.add(new int[] {m.start(), m.end(), 1});
            last = m.end();
        }
        if (last < text.length()) {
            parts.add(new int[] {last, text.length(), 0});
        }
        List<int[]> kept = new ArrayList<>();
        for (int[] part : parts) {
            boolean match = part[2] == 1;
            int[] previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            switch (behavior) {
                case "Removed" -> {
                    if (!match) {
                        kept.add(part);
                    }
                }
                case "MergedWithPrevious" -> {
                    if (match && previous != null && previous[2] == 0) {
                        previous[1] = part[1];
                        previous[2] = 1;
                    } else {
                        kept.add(part);
                    }
                }
                case "MergedWithNext" -> {
                    if (!match && previous != null && previous[2] == 1) {
                        previous[1] = part[1];
                        previous[2] = 0;
                    } else {
                        kept.add(part);
                    }
                }
                case "Contiguous" -> {
                    if (match && previous != null && previous[2] == 1) {
                        previous[1] = part[1];
                    } else {
                        kept.add(part);
                    }
                }
                default -> kept.add(part);
            }
        }
        List<Piece> out = new ArrayList<>(kept.size());
        for (int[] part : kept) {
            out.add(piece.part(part[0], part[1]));
        }
        return out;
    }
}
