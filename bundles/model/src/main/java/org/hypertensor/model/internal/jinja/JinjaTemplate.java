package org.hypertensor.model.internal.jinja;

import java.util.List;
import java.util.Map;

/**
 * A Jinja template parsed once and rendered many times: the sandboxed subset of Jinja that chat templates are
 * written in (see {@link Parser}, {@link Builtins}). Context values are Strings, Longs, Doubles, Booleans,
 * null, Lists and Maps with String keys.
 */
public final class JinjaTemplate {

    private final List<Node> nodes;

    private JinjaTemplate(List<Node> nodes) {
        this.nodes = nodes;
    }

    /** @throws TemplateException when it is not valid Jinja or uses a construct not implemented (named) */
    public static JinjaTemplate parse(String source) {
        return new JinjaTemplate(Parser.parse(source));
    }

    /** @throws TemplateException when rendering fails, or the template calls {@code raise_exception} */
    public String render(Map<String, Object> context) {
        return Renderer.render(nodes, context);
    }
}
