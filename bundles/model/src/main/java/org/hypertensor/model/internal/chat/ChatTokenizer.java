package org.hypertensor.model.internal.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hypertensor.model.api.ChatMessage;
import org.hypertensor.model.api.ModelFormatException;
import org.hypertensor.model.api.Tokenizer;
import org.hypertensor.model.internal.jinja.JinjaTemplate;
import org.hypertensor.model.internal.jinja.TemplateException;

/**
 * A tokenizer with its checkpoint's {@link ChatSettings}: the chat template rendered with the variables
 * transformers' {@code apply_chat_template} passes ({@code messages}, {@code tools} and {@code documents} as
 * None, {@code add_generation_prompt} true, the special-token strings), and every end token. A template this
 * node cannot parse is reported when a chat asks for it, naming the construct; plain prompts still work.
 */
public final class ChatTokenizer implements Tokenizer {

    private final Tokenizer base;
    private final ChatSettings settings;
    private final JinjaTemplate template;
    private final String templateError;
    private final int[] eos;

    private ChatTokenizer(Tokenizer base, ChatSettings settings) {
        this.base = base;
        this.settings = settings;
        JinjaTemplate parsed = null;
        String error = null;
        if (settings.template() != null) {
            try {
                parsed = JinjaTemplate.parse(settings.template());
            } catch (TemplateException e) {
                error = e.getMessage();
            }
        }
        this.template = parsed;
        this.templateError = error;
        Set<Integer> ends = new LinkedHashSet<>(settings.eosIds());
        if (base.eosToken() >= 0) {
            ends.add(base.eosToken());
        }
        this.eos = ends.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code base} with the settings; {@code base} itself when they add nothing. */
    public static Tokenizer wrap(Tokenizer base, ChatSettings settings) {
        if (settings.template() == null && settings.eosIds().isEmpty()) {
            return base;
        }
        return new ChatTokenizer(base, settings);
    }

    /** Why the template cannot be used, or null. */
    public String templateError() {
        return templateError;
    }

    @Override
    public boolean hasChatTemplate() {
        return settings.template() != null;
    }

    @Override
    public String renderChat(List<ChatMessage> messages) {
        if (settings.template() == null) {
            return base.renderChat(messages);
        }
        if (template == null) {
            throw new ModelFormatException("the model's chat template cannot be used: " + templateError);
        }
        try {
            return template.render(context(settings, messages));
        } catch (TemplateException e) {
            if (e.raisedByTemplate()) {
                throw new IllegalArgumentException("the model's chat template refused the messages: " + e.getMessage());
            }
            throw new ModelFormatException("the model's chat template cannot be rendered: " + e.getMessage());
        }
    }

    /** The variables a chat template sees, as transformers passes them. */
    static Map<String, Object> context(ChatSettings settings, List<ChatMessage> messages) {
        List<Object> list = new ArrayList<>();
        for (ChatMessage m : messages) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("role", m.role());
            message.put("content", m.content());
            list.add(message);
        }
        Map<String, Object> context = new LinkedHashMap<>(settings.specialTokens());
        context.put("messages", list);
        context.put("tools", null);
        context.put("documents", null);
        context.put("add_generation_prompt", true);
        return context;
    }

    @Override
    public int[] eosTokens() {
        return eos.clone();
    }

    @Override
    public int vocabSize() {
        return base.vocabSize();
    }

    @Override
    public int bosToken() {
        return base.bosToken();
    }

    @Override
    public int eosToken() {
        return base.eosToken() >= 0 || eos.length == 0 ? base.eosToken() : eos[0];
    }

    @Override
    public int[] encode(String text) {
        return base.encode(text);
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        return base.encode(text, addSpecialTokens);
    }

    @Override
    public String decode(int[] tokens) {
        return base.decode(tokens);
    }

    @Override
    public String decode(int[] tokens, boolean skipSpecialTokens) {
        return base.decode(tokens, skipSpecialTokens);
    }

    @Override
    public String token(int id) {
        return base.token(id);
    }
}
