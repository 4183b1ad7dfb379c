package org.hypertensor.node.core.internal.completion;

import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.CommandSessionListener;
import org.jline.builtins.Completers.CompletionData;
import org.osgi.service.component.annotations.Component;

/**
 * Gives each interactive session TAB completion for names: features after {@code feature:install}, engines after
 * {@code engine:prefer}, models after {@code --model}, dev accounts after the ledger's and staking's account
 * arguments. Gogo's console keeps completions per session in {@value #COMPLETIONS} (created before the profile
 * is read, the session's first command); each entry's argument is a command whose result lists the candidates.
 */
@Component
public final class Completions implements CommandSessionListener {

    /** Gogo JLine's per-session completion table (Shell.VAR_COMPLETIONS); absent without a terminal. */
    static final String COMPLETIONS = ".completions";

    private static final Map<String, CompletionData> NAMES = Map.of(
            "feature:install", argument("a feature", "features"),
            "feature:uninstall", argument("a feature", "features"),
            "engine:prefer", argument("an engine", "engines"),
            "infer:local", option("a model", "models", "-m", "--model"),
            "model:info", argument("a model", "models"),
            "model:tokenize", argument("a model", "models"),
            "ledger:balance", argument("an account", "accounts"),
            "ledger:transfer", argument("an account", "accounts"),
            "stake:show", argument("an account", "accounts"));

    @Override
    public void beforeExecute(CommandSession session, CharSequence command) {
        if (session.get(COMPLETIONS) instanceof Map<?, ?> table) {
            add(table);
        }
    }

    // Gogo's table is Map<String, List<CompletionData>>, typed only by its creator.
    @SuppressWarnings("unchecked")
    private static void add(Map<?, ?> table) {
        Map<String, List<CompletionData>> typed = (Map<String, List<CompletionData>>) table;
        NAMES.forEach((command, data) -> typed.putIfAbsent(command, List.of(data)));
    }

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Exception exception) {}

    @Override
    public void afterExecute(CommandSession session, CharSequence command, Object result) {}

    private static CompletionData argument(String description, String kind) {
        return new CompletionData(null, description, "node:names " + kind, null);
    }

    private static CompletionData option(String description, String kind, String... options) {
        return new CompletionData(List.of(options), description, "node:names " + kind, null);
    }
}
