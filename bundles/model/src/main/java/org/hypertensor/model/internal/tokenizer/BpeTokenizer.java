package org.hypertensor.model.internal.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.Tokenizer;
import org.hypertensor.model.internal.json.Json;

/**
 * A byte-level BPE {@code tokenizer.json} (the Hugging Face format of GPT-2, Llama 3 and similar models):
 * text is split by the GPT-2 pattern, each piece's UTF-8 bytes are mapped to printable characters, and
 * merges are applied by rank. Added (special) tokens are matched before splitting. SentencePiece-style
 * (metaspace) tokenizers are refused with a clear message.
 */
public final class BpeTokenizer implements Tokenizer {

    private static final Pattern GPT2_SPLIT =
            Pattern.compile("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final Map<Character, Integer> CHAR_TO_BYTE = new HashMap<>();

    static {
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || b >= 0xAE;
            BYTE_TO_CHAR[b] = printable ? (char) b : (char) (256 + n++);
            CHAR_TO_BYTE.put(BYTE_TO_CHAR[b], b);
        }
    }

    private final Map<String, Integer> vocab;
    private final String[] byId;
    private final Map<String, Integer> mergeRanks;
    private final Map<String, Integer> added;
    private final Pattern addedPattern;
    private final int bos;
    private final int eos;

    private BpeTokenizer(Map<String, Integer> vocab, Map<String, Integer> mergeRanks, Map<String, Integer> added) {
        this.vocab = vocab;
        this.mergeRanks = mergeRanks;
        this.added = added;
        int size = 0;
        for (int id : vocab.values()) {
            size = Math.max(size, id + 1);
        }
        for (int id : added.values()) {
            size = Math.max(size, id + 1);
        }
        byId = new String[size];
        vocab.forEach((token, id) -> byId[id] = token);
        added.forEach((token, id) -> byId[id] = token);
        addedPattern = added.isEmpty()
                ? null
                : Pattern.compile(String.join(
                        "|",
                        added.keySet().stream()
                                .sorted((a, b) -> b.length() - a.length())
                                .map(Pattern::quote)
                                .toList()));
        bos = first(added, "<|begin_of_text|>", "<s>", "<|endoftext|>");
        eos = first(added, "<|end_of_text|>", "<|eot_id|>", "</s>", "<|endoftext|>");
    }

    public static BpeTokenizer load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new ModelFormatException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid tokenizer " + file.getFileName() + ": " + e.getMessage());
        }
    }

    static BpeTokenizer parse(String text) {
        Map<String, Object> json = Json.object(Json.parse(text), "tokenizer.json");
        Map<String, Object> model = Json.object(json.get("model"), "'model'");
        if (!"BPE".equals(model.get("type"))) {
            throw new IllegalArgumentException("only BPE models are supported, got " + model.get("type"));
        }
        Map<String, Integer> vocab = new HashMap<>();
        Json.object(model.get("vocab"), "'model.vocab'")
                .forEach((k, v) -> vocab.put(k, (int) Json.integer(v, "a token id")));
        if (vocab.containsKey("\u2581") && !vocab.containsKey("\u0120")) {
            throw new IllegalArgumentException("SentencePiece-style (metaspace) BPE is not supported, only byte-level");
        }
        Map<String, Integer> ranks = new HashMap<>();
        List<Object> merges = Json.array(model.get("merges"), "'model.merges'");
        for (int i = 0; i < merges.size(); i++) {
            Object m = merges.get(i);
            String pair = m instanceof String s
                    ? s
                    : String.join(
                            " ",
                            Json.array(m, "a merge").stream()
                                    .map(String::valueOf)
                                    .toList());
            ranks.putIfAbsent(pair, i);
        }
        Map<String, Integer> added = new HashMap<>();
        if (json.get("added_tokens") instanceof List<?> list) {
            for (Object t : list) {
                Map<String, Object> token = Json.object(t, "an added token");
                added.put(Json.string(token, "content"), Json.intField(token, "id"));
            }
        }
        return new BpeTokenizer(vocab, ranks, added);
    }

    private static int first(Map<String, Integer> added, String... names) {
        for (String n : names) {
            if (added.containsKey(n)) {
                return added.get(n);
            }
        }
        return -1;
    }

    @Override
    public int vocabSize() {
        return byId.length;
    }

    @Override
    public int bosToken() {
        return bos;
    }

    @Override
    public int eosToken() {
        return eos;
    }

    @Override
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        int start = 0;
        if (addedPattern != null) {
            Matcher m = addedPattern.matcher(text);
            while (m.find()) {
                encodeOrdinary(text.substring(start, m.start()), out);
                out.add(added.get(m.group()));
                start = m.end();
            }
        }
        encodeOrdinary(text.substring(start), out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private void encodeOrdinary(String text, List<Integer> out) {
        Matcher m = GPT2_SPLIT.matcher(text);
        while (m.find()) {
            StringBuilder mapped = new StringBuilder();
            for (byte b : m.group().getBytes(StandardCharsets.UTF_8)) {
                mapped.append(BYTE_TO_CHAR[b & 0xff]);
            }
            for (String piece : bpe(mapped.toString())) {
                Integer id = vocab.get(piece);
                if (id == null) {
                    throw new IllegalArgumentException("the tokenizer has no token for '" + piece + "'");
                }
                out.add(id);
            }
        }
    }

    private List<String> bpe(String word) {
        List<String> parts = new ArrayList<>();
        word.codePoints().forEach(cp -> parts.add(new String(Character.toChars(cp))));
        while (parts.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i < parts.size() - 1; i++) {
                Integer rank = mergeRanks.get(parts.get(i) + " " + parts.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            parts.set(best, parts.get(best) + parts.remove(best + 1));
        }
        return parts;
    }

    @Override
    public String decode(int[] tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int t : tokens) {
            if (t < 0 || t >= byId.length || byId[t] == null) {
                continue;
            }
            String piece = byId[t];
            if (added.containsKey(piece)) {
                bytes.writeBytes(piece.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            for (int i = 0; i < piece.length(); i++) {
                Integer b = CHAR_TO_BYTE.get(piece.charAt(i));
                if (b != null) {
                    bytes.write(b);
                }
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
