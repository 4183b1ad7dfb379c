package org.hypertensor.node.core.internal.shell;

import org.apache.felix.service.command.Converter;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Component;

/** Tells Gogo to print {@link Table} and {@link Report} results as text rather than inspecting them. */
@Component(service = Converter.class, immediate = true)
public final class TableConverter implements Converter {

    @Override
    public Object convert(Class<?> desiredType, Object in) {
        return null; // nothing converts into a table
    }

    @Override
    public CharSequence format(Object target, int level, Converter escape) {
        if (target instanceof Table || target instanceof Report) {
            return target.toString().stripTrailing();
        }
        return null;
    }
}
