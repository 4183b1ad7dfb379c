package org.example.hello;

import java.util.Map;
import org.hypertensor.plugin.api.PluginDescriptor;
import org.hypertensor.plugin.api.PluginKind;
import org.osgi.service.component.annotations.Component;

/** Tells the node what this plugin is; {@code node:plugins} lists it. */
@Component(
        property = {
            "hypertensor.plugin.id=org.example.hello",
            "hypertensor.plugin.kind=" + PluginKind.TOOL,
            "hypertensor.plugin.api.version=1.0.0",
            "hypertensor.capability.shell.scope=hello"
        })
public class HelloPlugin implements PluginDescriptor {

    @Override
    public String id() {
        return "org.example.hello";
    }

    @Override
    public String name() {
        return "Hello";
    }

    @Override
    public String kind() {
        return PluginKind.TOOL;
    }

    @Override
    public String vendor() {
        return "Example Org";
    }

    @Override
    public String description() {
        return "Greets people from the shell: the smallest useful plugin.";
    }

    @Override
    public Map<String, String> capabilities() {
        return Map.of("shell.scope", "hello");
    }
}
