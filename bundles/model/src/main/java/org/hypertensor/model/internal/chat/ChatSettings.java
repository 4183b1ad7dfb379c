package org.hypertensor.model.internal.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.internal.json.Json;

/**
 * What a Hugging Face checkpoint says about chats and ends, read from the files it ships beside {@code
 * tokenizer.json}: the {@code chat_template} and the special-token strings templates use ({@code bos_token},
 * {@code eos_token}, …) from {@code tokenizer_config.json}; the end tokens ({@code eos_token_id}, an id or a
 * list) and {@code bos_token_id} from {@code generation_config.json}, else from {@code config.json}.
 *
 * @param template the chat template's source, or null
 * @param specialTokens the template variables naming special tokens
 * @param eosIds the end tokens the checkpoint names (may be empty)
 * @param bosId the begin token it names, or -1
 */
public record ChatSettings(String template, Map<String, Object> specialTokens, List<Integer> eosIds, int bosId) {

    public static final ChatSettings NONE = new ChatSettings(null, Map.of(), List.of(), -1);

    private static final List<String> TOKEN_VARIABLES =
            List.of("bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token", "mask_token");

    public ChatSettings {
        specialTokens = Map.copyOf(specialTokens);
        eosIds = List.copyOf(eosIds);
    }

    /** The settings of the checkpoint in {@code dir}; files it lacks leave their part empty. */
    public static ChatSettings read(Path dir) {
        Map<String, Object> tokenizer = object(dir, "tokenizer_config.json");
        Map<String, Object> generation = object(dir, "generation_config.json");
        if (generation.isEmpty()) {
            generation = object(dir, "config.json");
        }
        Map<String, Object> tokens = new LinkedHashMap<>();
        for (String variable : TOKEN_VARIABLES) {
            String content = tokenContent(tokenizer.get(variable));
            if (content != null) {
                tokens.put(variable, content);
            }
        }
        if (tokenizer.get("additional_special_tokens") instanceof List<?> extra) {
            List<Object> contents = new ArrayList<>();
            extra.forEach(t -> contents.add(tokenContent(t)));
            tokens.put("additional_special_tokens", contents);
        }
        try {
            return new ChatSettings(
                    template(tokenizer.get("chat_template")),
                    tokens,
                    ids(generation.get("eos_token_id"), "eos_token_id"),
                    generation.get("bos_token_id") == null
                            ? -1
                            : (int) Json.integer(generation.get("bos_token_id"), "bos_token_id"));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("generation_config.json: " + e.getMessage());
        }
    }

    private static Map<String, Object> object(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return Json.object(Json.parse(Files.readString(file, StandardCharsets.UTF_8)), name);
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelFormatException("cannot read " + name + " in " + dir.getFileName() + ": " + e.getMessage());
        }
    }

    /** A template string, or the {@code default} of a list of named templates. */
    private static String template(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof List<?> named) {
            for (Object entry : named) {
                if (entry instanceof Map<?, ?> m
                        && "default".equals(m.get("name"))
                        && m.get("template") instanceof String s) {
                    return s;
                }
            }
            throw new ModelFormatException("tokenizer_config.json: chat_template is a list without a 'default' one");
        }
        return null;
    }

    /** A special token as tokenizer_config.json writes it: a string or an AddedToken object. */
    private static String tokenContent(Object token) {
        if (token instanceof Map<?, ?> m && m.get("content") instanceof String s) {
            return s;
        }
        return token instanceof String s ? s : null;
    }

    private static List<Integer> ids(Object value, String key) {
        List<Integer> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object id : list) {
                out.add((int) Json.integer(id, key));
            }
        } else if (value != null) {
            out.add((int) Json.integer(value, key));
        }
        return out;
    }
}
