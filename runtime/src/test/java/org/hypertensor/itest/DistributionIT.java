package org.hypertensor.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hypertensor.node.core.api.NodeInfo;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** The distribution's bundles all resolve and start, and node:status reports them. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DistributionIT extends NodeContainer {

    @Test
    public void everyBundleOfTheDistributionIsActive() throws Exception {
        service(NodeInfo.class);
        List<String> notRunning = new ArrayList<>();
        for (Bundle b : context().getBundles()) {
            boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (b.getState() != expected) {
                notRunning.add(b.getSymbolicName() + " (state " + b.getState() + ")");
            }
        }
        assertTrue("not running: " + notRunning, notRunning.isEmpty());
    }

    @Test
    public void statusListsTheNodeItsBundlesAndComponents() throws Exception {
        NodeInfo node = service(NodeInfo.class);
        String status = shell("node:status");
        assertTrue(status, status.contains("network     itest"));
        assertTrue(status, status.contains(node.dataDir().toString()));
        for (String bsn : List.of(
                "org.hypertensor.node.core",
                "org.hypertensor.logging",
                "org.hypertensor.plugin.api",
                "org.apache.felix.scr",
                "org.apache.felix.fileinstall")) {
            assertTrue(
                    bsn + " missing from:\n" + status,
                    status.matches("(?s).*ACTIVE\\s+\\d+\\s+" + bsn.replace(".", "\\.") + ".*"));
        }
        assertTrue(status, status.contains("org.hypertensor.node.core.internal.node.NodeRuntime"));
        assertEquals(node.home(), home());
    }

    @Test
    public void osgiLogServiceEntriesReachTheNodeLog() throws Exception {
        org.osgi.service.log.LoggerFactory osgiLogs = service(org.osgi.service.log.LoggerFactory.class);
        osgiLogs.getLogger("itest").warn("written through the OSGi LogService");
        await("the entry in node:logs", () -> {
            try {
                return shell("node:logs -n 50 -l WARN").contains("written through the OSGi LogService");
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    public void userErrorsAreOneLineMessages() throws Exception {
        assertEquals(
                "unknown log level 'LOUD' (use TRACE, DEBUG, INFO, WARN, ERROR or OFF)",
                shellError("node:loglevel org.hypertensor LOUD"));
        String set = shell("node:loglevel org.hypertensor DEBUG");
        assertTrue(set, set.contains("org.hypertensor  DEBUG"));
        assertTrue(shell("node:loglevel").contains("org.hypertensor  DEBUG"));
    }
}
