package org.hypertensor.node.core.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.junit.jupiter.api.Test;

class CommandUsageTest {

    /** A command class as the bundles write them. */
    public static final class Sample {
        @Descriptor("send TENSOR")
        public String transfer(
                @Descriptor("signing key: a dev URI or a keystore key name")
                        @Parameter(
                                names = {"-k", "--key"},
                                absentValue = "//Alice")
                        String key,
                @Descriptor("show the receipt") @Parameter(names = "-v", presentValue = "true", absentValue = "false")
                        boolean verbose,
                @Descriptor("recipient (SS58 or dev name)") String to,
                int amount) {
            return to;
        }

        public String transfer(CommandSession session) {
            return "";
        }

        @Descriptor("submit scores")
        public String submit(@Descriptor("scores, peer=score") List<String> scores) {
            return "";
        }

        public String _new() {
            return "";
        }

        public String undescribed() {
            return "";
        }
    }

    @Test
    void usageListsOptionsThenArgumentsNamedByTheirDescription() {
        List<Method> methods = CommandUsage.methods(Sample.class, "transfer");
        assertEquals(2, methods.size());
        assertEquals("ledger:transfer", CommandUsage.usage("ledger:transfer", methods.get(0)));
        assertEquals(
                "ledger:transfer [--key <signing key>] [-v] <recipient> <int>",
                CommandUsage.usage("ledger:transfer", methods.get(1)));
        assertEquals("send TENSOR", CommandUsage.description(methods));
    }

    @Test
    void parametersSayWhatTheyAreAndTheirDefault() {
        Method m = CommandUsage.methods(Sample.class, "transfer").get(1);
        assertEquals(
                List.of(
                        "-k, --key: signing key: a dev URI or a keystore key name (default //Alice)",
                        "-v: show the receipt",
                        "<recipient>: recipient (SS58 or dev name)",
                        "<int>: int"),
                CommandUsage.parameters(m));
    }

    @Test
    void listsAndKeywordsAreFoundAsGogoFindsThem() {
        assertEquals(
                "scores:submit <scores>...",
                CommandUsage.usage(
                        "scores:submit",
                        CommandUsage.methods(Sample.class, "submit").get(0)));
        assertEquals(1, CommandUsage.methods(Sample.class, "new").size());
        assertNull(CommandUsage.description(CommandUsage.methods(Sample.class, "undescribed")));
        assertEquals(List.of(), CommandUsage.methods(Sample.class, "nothing"));
    }
}
