package org.hypertensor.model.internal.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.internal.json.Json;

/**
 * The BPE {@code model} of a tokenizer.json: a piece is split into characters (unknown ones into
 * {@code <0xNN>} byte tokens with {@code byte_fallback}, else the unknown token, fused if {@code fuse_unk}),
 * then the adjacent pair of lowest merge rank is merged, leftmost first, until no pair has a rank. With
 * {@code ignore_merges} a piece that is itself a token is taken whole (Llama 3).
 */
final class BpeModel {

    private final Map<String, Integer> vocab;
    private final Map<Long, int[]> merges; // (left id, right id) -> {rank, merged id}
    private final boolean byteFallback;
    private final boolean ignoreMerges;
    private final int unk;
    private final boolean fuseUnk;

    private BpeModel(
            Map<String, Integer> vocab,
            Map<Long, int[]> merges,
            boolean byteFallback,
            boolean ignoreMerges,
            int unk,
            boolean fuseUnk) {
        this.vocab = vocab;
        this.merges = merges;
        this.byteFallback = byteFallback;
        this.ignoreMerges = ignoreMerges;
        this.unk = unk;
        this.fuseUnk = fuseUnk;
    }

    static BpeModel parse(Map<String, Object> model) {
        Object type = model.get("type");
        if (type != null && !"BPE".equals(type)) {
            throw new IllegalArgumentException("only BPE models are supported, got " + type);
        }
        if (model.get("dropout") instanceof Number d && d.doubleValue() != 0) {
            throw new IllegalArgumentException("BPE dropout " + d + " is not supported");
        }
        for (String key : new String[] {"continuing_subword_prefix", "end_of_word_suffix"}) {
            if (model.get(key) instanceof String s && !s.isEmpty()) {
                throw new IllegalArgumentException("BPE " + key + " '" + s + "' is not supported");
            }
        }
        Map<String, Integer> vocab = new HashMap<>();
        Json.object(model.get("vocab"), "'model.vocab'")
                .forEach((k, v) -> vocab.put(k, (int) Json.integer(v, "a token id")));
        Map<Long, int[]> merges = new HashMap<>();
        List<Object> list = Json.array(model.get("merges"), "'model.merges'");
        for (int rank = 0; rank < list.size(); rank++) {
            String[] pair = pair(list.get(rank));
            Integer a = vocab.get(pair[0]);
            Integer b = vocab.get(pair[1]);
            Integer merged = vocab.get(pair[0] + pair[1]);
            if (a == null || b == null || merged == null) {
                throw new IllegalArgumentException("merge " + rank + " '" + pair[0] + " " + pair[1]
                        + "' uses a token that is not in the vocabulary");
            }
            merges.putIfAbsent(key(a, b), new int[] {rank, merged});
        }
        int unk = -1;
        if (model.get("unk_token") instanceof String u) {
            Integer id = vocab.get(u);
            if (id == null) {
                throw new IllegalArgumentException("unk_token '" + u + "' is not in the vocabulary");
            }
            unk = id;
        }
        return new BpeModel(
                vocab,
                merges,
                Boolean.TRUE.equals(model.get("byte_fallback")),
                Boolean.TRUE.equals(model.get("ignore_merges")),
                unk,
                Boolean.TRUE.equals(model.get("fuse_unk")));
    }

    private static String[] pair(Object merge) {
        if (merge instanceof String s) {
            String[] parts = s.split(" ", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("merge '" + s + "' is not two tokens separated by a space");
            }
            return parts;
        }
        List<Object> parts = Json.array(merge, "a merge");
        if (parts.size() != 2) {
            throw new IllegalArgumentException("merge " + parts + " is not two tokens");
        }
        return new String[] {String.valueOf(parts.get(0)), String.valueOf(parts.get(1))};
    }

    private static long key(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    Map<String, Integer> vocab() {
        return vocab;
    }

    /** Appends the ids of one pre-tokenized piece. */
    void encode(String piece, List<Integer> out) {
        if (piece.isEmpty()) {
            return;
        }
        if (ignoreMerges) {
            Integer whole = vocab.get(piece);
            if (whole != null) {
                out.add(whole);
                return;
            }
        }
        List<Integer> symbols = new ArrayList<>();
        boolean lastUnk = false;
        for (int i = 0; i < piece.length(); ) {
            int cp = piece.codePointAt(i);
            String ch = piece.substring(i, i + Character.charCount(cp));
            i += ch.length();
            Integer id = vocab.get(ch);
            if (id != null) {
                symbols.add(id);
                lastUnk = false;
                continue;
            }
            if (byteFallback && addBytes(ch, symbols)) {
                lastUnk = false;
                continue;
            }
            if (unk < 0) {
                throw new IllegalArgumentException("the tokenizer has no token for '" + ch + "' and no unk_token");
            }
            if (!(fuseUnk && lastUnk)) {
                symbols.add(unk);
            }
            lastUnk = true;
        }
        merge(symbols);
        out.addAll(symbols);
    }

    private boolean addBytes(String ch, List<Integer> symbols) {
        byte[] bytes = ch.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            Integer id = vocab.get(String.format("<0x%02X>", bytes[i] & 0xff));
            if (id == null) {
                return false;
            }
            ids[i] = id;
        }
        for (int id : ids) {
            symbols.add(id);
        }
        return true;
    }

    private void merge(List<Integer> symbols) {
        while (symbols.size() > 1) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            int merged = -1;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                int[] m = merges.get(key(symbols.get(i), symbols.get(i + 1)));
                if (m != null && m[0] < bestRank) {
                    bestRank = m[0];
                    best = i;
                    merged = m[1];
                }
            }
            if (best < 0) {
                return;
            }
            symbols.set(best, merged);
            symbols.remove(best + 1);
        }
    }
}
