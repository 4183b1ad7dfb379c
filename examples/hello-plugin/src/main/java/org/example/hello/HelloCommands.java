package org.example.hello;

import org.hypertensor.plugin.api.shell.CommandError;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Shell commands {@code hello:greet NAME} and {@code hello:about}. A command is any service with the
 * {@code osgi.command.scope} and {@code osgi.command.function} properties; its public methods of those
 * names are the commands, and what they return is printed.
 */
@Component(
        service = HelloCommands.class,
        immediate = true,
        property = {"osgi.command.scope=hello", "osgi.command.function=greet", "osgi.command.function=about"})
public class HelloCommands {

    private final String version;

    @Activate
    public HelloCommands(BundleContext context) {
        this.version = context.getBundle().getVersion().toString();
    }

    public String greet(String name) {
        if (name.isBlank()) {
            throw new CommandError("greet needs a name");
        }
        return "Hello, " + name + "! (hello-plugin " + version + ")";
    }

    public Table about() {
        return Table.properties().row("plugin", "org.example.hello").row("version", version);
    }
}
