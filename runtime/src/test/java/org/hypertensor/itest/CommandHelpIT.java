package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.felix.service.command.Function;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

/**
 * Every command of the node's bundles (node-core and the chain's) has a description and a usage line in
 * {@code help NAME}, and a call with arguments that fit none of its signatures prints that usage instead of
 * Gogo's "Cannot coerce".
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CommandHelpIT extends NodeContainer {

    private static final String FRONT = "hypertensor.command.front";

    @Override
    protected void prepareHome(Path home) throws IOException {
        Files.copy(DIST.resolve("etc/chain-devnet.json"), home.resolve("etc/chain-devnet.json"));
    }

    @Override
    protected List<String> systemBundles() {
        return CHAIN_BUNDLES;
    }

    /** The node's commands by name, with their service, once the ledger's are there and each has its front. */
    private static TreeMap<String, ServiceReference<?>> commands() throws Exception {
        await("the ledger's commands", () -> commandWorks("ledger:head"));
        TreeMap<String, ServiceReference<?>> all = new TreeMap<>();
        for (ServiceReference<?> ref :
                context().getServiceReferences((String) null, "(&(osgi.command.scope=*)(!(" + FRONT + "=*)))")) {
            if (ref.getBundle().getSymbolicName().startsWith("org.hypertensor.")) {
                for (String f : (String[]) functions(ref.getProperty("osgi.command.function"))) {
                    all.put(ref.getProperty("osgi.command.scope") + ":" + f, ref);
                }
            }
        }
        assertTrue(all.keySet().toString(), all.size() > 30 && all.containsKey("ledger:transfer"));
        await("a front before every command", () -> fronts().containsAll(all.keySet()));
        return all;
    }

    private static Object functions(Object property) {
        return property instanceof String s ? new String[] {s} : property;
    }

    private static List<String> fronts() {
        List<String> names = new ArrayList<>();
        try {
            ServiceReference<?>[] refs = context().getServiceReferences((String) null, "(" + FRONT + "=*)");
            for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                names.add(r.getProperty("osgi.command.scope") + ":" + r.getProperty("osgi.command.function"));
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return names;
    }

    @Test
    public void everyCommandHasADescriptionAndAUsage() throws Exception {
        for (String name : commands().keySet()) {
            String help = shell("node:help " + name);
            assertTrue(help, help.startsWith(name + " - "));
            assertFalse(help, help.contains("(no description)"));
            assertTrue(help, help.contains("usage: " + name));
        }
        String list = shell("node:help");
        assertTrue(list, list.contains("ledger:transfer") && list.contains("a block by number or hash"));
        assertTrue(shellError("node:help no-such-command").contains("no command no-such-command"));
    }

    @Test
    public void aCallThatFitsNoSignaturePrintsTheUsage() throws Exception {
        int checked = 0;
        for (var e : commands().entrySet()) {
            Object target = context().getService(e.getValue());
            try {
                if (target instanceof Function || takesAList(target, e.getKey())) {
                    continue; // takes any number of arguments: no call is wrong by its count alone
                }
            } finally {
                context().ungetService(e.getValue());
            }
            String error = shellError(e.getKey() + " x x x x x x x x x x x x");
            assertTrue(error, error.startsWith("usage: " + e.getKey()));
            assertFalse(error, error.contains("Cannot coerce"));
            checked++;
        }
        assertTrue("commands checked: " + checked, checked > 30);
        assertTrue(shellError("stake:register-node 1").startsWith("usage: stake:register-node"));
        assertTrue(shellError("ledger:block").startsWith("usage: ledger:block <block number or 0x hash>"));
    }

    @Test
    public void numbersOutsideTheirRangeAreOneLineErrors() throws Exception {
        commands();
        assertEquals("--lines must be from 1 to 100000, not 0", shellError("node:logs -n 0"));
        assertEquals("--lines must be from 1 to 100000, not -5", shellError("node:logs --lines -5"));
        assertEquals(
                "a block number (or a 0x hash) must be a whole number from 0 to " + Long.MAX_VALUE + ", not '-1'",
                shellError("ledger:block -1"));
        assertEquals("epoch must be from 0 to " + Long.MAX_VALUE + ", not -3", shellError("emissions:payout -3"));
    }

    @Test
    public void bareHeadIsTheChainsHeadAndAnUnquotedCommentIsNoted() throws Exception {
        commands();
        String head = shell("node:head");
        assertTrue(head, head.contains("genesis") && head.contains("finalized"));
        String noted = shell("node:loglevel //Bob");
        assertTrue(noted, noted.startsWith("note: an unquoted // starts a comment, so the shell ignored \"//Bob\""));
        assertTrue(noted, noted.contains("ROOT"));
        assertFalse(shell("node:loglevel '//Bob' WARN").contains("note:"));
        shell("node:loglevel '//Bob' inherit");
    }

    private static boolean takesAList(Object target, String command) {
        String function = command.substring(command.indexOf(':') + 1).toLowerCase(Locale.ROOT);
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().toLowerCase(Locale.ROOT).equals(function)) {
                for (Class<?> p : m.getParameterTypes()) {
                    if (p.isArray() || List.class.isAssignableFrom(p)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
