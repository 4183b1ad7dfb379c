package org.hypertensor.model.internal.tokenizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.Tokenizer;
import org.hypertensor.model.internal.json.Json;

/**
 * A Hugging Face {@code tokenizer.json} with a BPE model, computed the way HF tokenizers computes it: added
 * tokens split off (raw, then normalized), the {@link Normalizers normalizer}, the {@link PreTokenizers
 * pre-tokenizer}, the {@link BpeModel BPE model} per piece, the {@link PostProcessor post-processor}'s special
 * tokens; decoding through the {@link Decoders decoder}. Covers byte-level files (GPT-2, Llama 3, Qwen) and
 * SentencePiece-style ones (Llama 2, Mistral: metaspace, byte fallback). Any component or option it does not
 * implement is refused when the file is loaded, by name, so a model never runs with different token ids
 * than Hugging Face gives. Parity with the HF library is tested on real files (TokenizerParityTest).
 */
public final class HfTokenizer implements Tokenizer {

    private final AddedTokens added;
    private final UnaryOperator<String> normalizer;
    private final PreTokenizers.PreTokenizer preTokenizer;
    private final BpeModel model;
    private final PostProcessor post;
    private final Decoders.Decoder decoder;
    private final String[] byId;
    private final int bos;
    private final int eos;

    private HfTokenizer(Map<String, Object> json, String eosName) {
        List<Object> addedJson = json.get("added_tokens") instanceof List<?> l ? new ArrayList<>(l) : List.of();
        added = new AddedTokens(addedJson);
        normalizer = Normalizers.parse(json.get("normalizer"));
        preTokenizer = PreTokenizers.parse(json.get("pre_tokenizer"));
        model = BpeModel.parse(Json.object(json.get("model"), "'model'"));
        post = PostProcessor.parse(json.get("post_processor"));
        decoder = Decoders.parse(json.get("decoder"));
        Map<String, Integer> all = new HashMap<>(model.vocab());
        all.putAll(added.ids());
        int size = 0;
        for (int id : all.values()) {
            size = Math.max(size, id + 1);
        }
        byId = new String[size];
        all.forEach((token, id) -> byId[id] = token);
        bos = post.prefix().size() == 1 ? post.prefix().get(0) : -1;
        Map<String, Integer> ids = added.ids();
        eos = eosName != null && ids.containsKey(eosName)
                ? ids.get(eosName)
                : first(ids, "<|end_of_text|>", "<|eot_id|>", "<|im_end|>", "</s>", "<|endoftext|>");
    }

    /**
     * Loads {@code tokenizer.json}; the end-of-sequence token comes from {@code tokenizer_config.json}'s
     * {@code eos_token} beside it if there is one, else from the usual names.
     */
    public static HfTokenizer load(Path file) {
        try {
            Path config = file.resolveSibling("tokenizer_config.json");
            String eos = Files.exists(config) ? eosName(Files.readString(config, StandardCharsets.UTF_8)) : null;
            return parse(Files.readString(file, StandardCharsets.UTF_8), eos);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read tokenizer " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("invalid tokenizer " + file.getFileName() + ": " + e.getMessage());
        }
    }

    static HfTokenizer parse(String text, String eosName) {
        return new HfTokenizer(Json.object(Json.parse(text), "tokenizer.json"), eosName);
    }

    private static String eosName(String configText) {
        Object eos =
                Json.object(Json.parse(configText), "tokenizer_config.json").get("eos_token");
        if (eos instanceof Map<?, ?> m && m.get("content") instanceof String s) {
            return s;
        }
        return eos instanceof String s ? s : null;
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

    /** The token the post-processor puts before a sequence (e.g. Llama 2's {@code <s>}), or -1. */
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
        for (AddedTokens.Part raw : added.splitRaw(new Piece(text, true))) {
            if (raw.id() >= 0) {
                out.add(raw.id());
                continue;
            }
            Piece normalized =
                    new Piece(normalizer.apply(raw.text().text()), raw.text().atStart());
            for (AddedTokens.Part part : added.splitNormalized(normalized)) {
                if (part.id() >= 0) {
                    out.add(part.id());
                    continue;
                }
                for (Piece piece : preTokenizer.apply(List.of(part.text()))) {
                    model.encode(piece.text(), out);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        int[] ids = encode(text);
        if (!addSpecialTokens) {
            return ids;
        }
        int[] out = new int[post.prefix().size() + ids.length + post.suffix().size()];
        int i = 0;
        for (int id : post.prefix()) {
            out[i++] = id;
        }
        System.arraycopy(ids, 0, out, i, ids.length);
        i += ids.length;
        for (int id : post.suffix()) {
            out[i++] = id;
        }
        return out;
    }

    @Override
    public String decode(int[] tokens) {
        return decode(tokens, false);
    }

    @Override
    public String decode(int[] tokens, boolean skipSpecialTokens) {
        List<String> pieces = new ArrayList<>(tokens.length);
        for (int t : tokens) {
            if (t < 0 || t >= byId.length || byId[t] == null) {
                continue;
            }
            if (skipSpecialTokens && added.isSpecial(byId[t])) {
                continue;
            }
            pieces.add(byId[t]);
        }
        return String.join("", decoder.apply(pieces));
    }

    @Override
    public String token(int id) {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }
}
