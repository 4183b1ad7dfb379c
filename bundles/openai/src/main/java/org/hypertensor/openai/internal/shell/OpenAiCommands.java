package org.hypertensor.openai.internal.shell;

import org.apache.felix.service.command.Descriptor;
import org.hypertensor.openai.internal.error.ErrorKind;
import org.hypertensor.openai.internal.generate.Generators;
import org.hypertensor.openai.internal.http.EndpointSettings;
import org.hypertensor.openai.internal.http.OpenAiEndpoint;
import org.hypertensor.openai.internal.stats.EndpointStats;
import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code openai:status}: the endpoint's settings, what it served, errors by kind, and the models it offers. */
@Component(
        service = OpenAiCommands.class,
        immediate = true,
        property = {"osgi.command.scope=openai", "osgi.command.function=status"})
public final class OpenAiCommands {

    private final OpenAiEndpoint endpoint;
    private final EndpointStats stats;
    private final Generators generators;

    @Activate
    public OpenAiCommands(
            @Reference OpenAiEndpoint endpoint, @Reference EndpointStats stats, @Reference Generators generators) {
        this.endpoint = endpoint;
        this.stats = stats;
        this.generators = generators;
    }

    @Descriptor("the OpenAI-compatible endpoint: settings, requests served, generations in flight, errors, models")
    public Report status() {
        EndpointSettings s = endpoint.settings();
        Table endpointTable = Table.properties()
                .row("enabled", s.enabled())
                .row("path", s.pathPrefix() + "/ (address and port: org.hypertensor.rpc.cfg, rpc:status)")
                .row("max body bytes", s.maxBodyBytes())
                .row("max concurrent generations", s.maxConcurrentGenerations())
                .row("default max tokens", s.defaultMaxTokens())
                .row("requests served", stats.requests())
                .row("completions", stats.completions())
                .row("in flight", stats.inFlight())
                .row("clients gone mid-stream", stats.clientsGone())
                .row("prompt tokens", stats.promptTokens())
                .row("completion tokens", stats.completionTokens());
        Table errors = Table.of("KIND", "STATUS", "COUNT");
        for (ErrorKind k : ErrorKind.values()) {
            errors.row(k.name().toLowerCase(java.util.Locale.ROOT), k.status(), stats.errors(k));
        }
        Table models = Table.of("MODEL", "MODE", "SUBNET", "MAX POSITIONS", "DESCRIPTION");
        for (Generators.Choice c : generators.models()) {
            models.row(
                    c.model().id(),
                    c.entry().mode(),
                    c.model().subnet(),
                    c.model().maxPositions(),
                    c.model().description());
        }
        Table generatorTable = Table.of("MODE", "RANKING", "SERVICE ID");
        for (Generators.Entry e : generators.entries()) {
            generatorTable.row(e.mode(), e.ranking(), e.serviceId());
        }
        return Report.create()
                .section("OpenAI endpoint", endpointTable)
                .section("Errors", errors)
                .section("Models", models)
                .section("Generators", generatorTable);
    }
}
