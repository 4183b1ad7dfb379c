package org.hypertensor.model.internal.jinja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Constructs one at a time, with what Jinja2 (trim_blocks, lstrip_blocks, as transformers sets it) renders. */
class JinjaTemplateTest {

    private static String render(String template) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("items", List.of("x", "y", "z"));
        context.put("s", "abcdef");
        context.put("n", 7L);
        context.put("zero", 0L);
        context.put("bound", "B");
        context.put("d", new LinkedHashMap<>(Map.of("b", 2L)));
        context.put("nothing", null);
        return JinjaTemplate.parse(template).render(context);
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " => ",
            quoteCharacter = '`',
            value = {
                "{{ s[1:] }} => bcdef",
                "{{ s[:-1] }} => abcde",
                "{{ s[-2:] }} => ef",
                "{{ s[4:2] }} => ``",
                "{{ s[::-1] }} => fedcba",
                "{{ items[1:] | length }} => 2",
                "{{ items[-1] }} => z",
                "{{ bound is defined }} => True",
                "{{ nope is not defined }} => True",
                "{{ nothing is none }} => True",
                "{{ d is mapping }} => True",
                "{{ 7 % 3 }} => 1",
                "{{ -7 // 2 }} => -4",
                "{{ 7 / 2 }} => 3.5",
                "{{ 10 - -2 }} => 12",
                "{{ nope or 'fb' }} => fb",
                "{{ zero or 'fb' }} => fb",
                "{{ bound and 'last' }} => last",
                "{{ n ~ '!' }} => 7!",
                "{{ 'a' if n > 3 else 'b' }} => a",
                "{{ items | join(', ') }} => x, y, z",
                "{{ '  pad  ' | trim }} => pad",
                "{{ ' x '.strip() + '|' }} => x|",
                "{{ 'a,b'.split(',') }} => ['a', 'b']",
                "{{ 'Hi'.startswith('H') }} => True",
                "{{ \"it's\" | tojson }} => \"it's\"",
                "{{ {'k': [1, 'é']} | tojson }} => {\"k\": [1, \"é\"]}",
                "{% for i in items %}{{ loop.index0 }}{{ i }}{% if not loop.last %},{% endif %}{% endfor %} => 0x,1y,2z",
                "{% for i in items if i != 'y' %}{{ loop.index }}{% endfor %} => 12",
                "{% set ns = namespace(c=0) %}{% for i in items %}{% set ns.c = ns.c + 1 %}{% endfor %}{{ ns.c }} => 3",
                "{% set c = 1 %}{% for i in items %}{% set c = 5 %}{% endfor %}{{ c }} => 1",
                "{% for i in items %}{% if i == 'y' %}{% break %}{% endif %}{{ i }}{% endfor %} => x",
                "{% if n == 1 %}a{% elif n == 7 %}b{% else %}c{% endif %} => b",
                "{{ 'x' in items }} {{ 'q' not in items }} {{ 'b' in d }} => True True True",
                "{% set t %}in{{ n }}{% endset %}{{ t }} => in7",
                "{{- ' a ' -}} => ` a `",
            })
    void rendersAsJinja(String template, String expected) {
        assertEquals(expected, render(template));
    }

    @Test
    void whitespaceControlAsTransformersConfiguresIt() {
        // trim_blocks: the newline after a block tag goes; lstrip_blocks: indentation before it goes
        assertEquals(
                "a\nb\n",
                render("{% if true %}\n    a\n{% endif %}\n    {% if true %}\nb\n    {% endif %}\n"
                        .replace("    a", "a")));
        assertEquals("x", render("  {%- if true -%}  \n  x  \n  {%- endif %}"));
        assertEquals("1\n", render("{{ 1 }}\n\n"), "one trailing newline of the template is dropped");
    }

    @Test
    void refusesWhatItDoesNotImplementByName() {
        TemplateException macro =
                assertThrows(TemplateException.class, () -> JinjaTemplate.parse("{% macro f() %}x{% endmacro %}"));
        assertTrue(macro.getMessage().contains("{% macro %}"), macro.getMessage());
        TemplateException filter = assertThrows(TemplateException.class, () -> render("{{ s | wordwrap }}"));
        assertTrue(filter.getMessage().contains("'wordwrap'"), filter.getMessage());
        TemplateException method = assertThrows(TemplateException.class, () -> render("{{ s.format(1) }}"));
        assertTrue(method.getMessage().contains(".format()"), method.getMessage());
        assertFalse(method.raisedByTemplate());
        TemplateException raised = assertThrows(TemplateException.class, () -> render("{{ raise_exception('no') }}"));
        assertEquals("no", raised.getMessage());
        assertTrue(raised.raisedByTemplate());
        assertThrows(TemplateException.class, () -> render("{{ nope.attr }}"), "attribute of undefined");
        assertThrows(TemplateException.class, () -> render("{% for i in range(1000000) %}{% endfor %}"));
    }

    @Test
    void templateTextIsNeverEvaluated() {
        Map<String, Object> context = Map.of("m", "{{ 7 * 7 }}{% for x in y %}");
        assertEquals(
                "{{ 7 * 7 }}{% for x in y %}", JinjaTemplate.parse("{{ m }}").render(context));
    }
}
