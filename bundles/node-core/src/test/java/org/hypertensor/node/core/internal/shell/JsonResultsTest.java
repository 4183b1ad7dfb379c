package org.hypertensor.node.core.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hypertensor.plugin.api.shell.Report;
import org.hypertensor.plugin.api.shell.Table;
import org.junit.jupiter.api.Test;

class JsonResultsTest {

    @Test
    void aTableIsAnArrayOfObjectsKeyedByColumn() {
        Table t = Table.of("ID", "SYMBOLIC NAME").row(1, "org.a").row(2, null);
        assertEquals(
                "[{\"id\":\"1\",\"symbolic_name\":\"org.a\"},{\"id\":\"2\",\"symbolic_name\":\"-\"}]",
                JsonResults.of(t, t.toString()));
    }

    @Test
    void aPropertiesTableIsOneObjectAndAReportHoldsItsSectionsInOrder() {
        Report r = Report.create()
                .section("Node", Table.properties().row("data dir", "/x \"y\""))
                .section("Bundles", Table.of("ID").row(0));
        assertEquals(
                "{\"node\":{\"data_dir\":\"/x \\\"y\\\"\"},\"bundles\":[{\"id\":\"0\"}]}",
                JsonResults.of(r, r.toString()));
    }

    @Test
    void anythingElseIsTheShellsTextAsAString() {
        assertEquals("\"Hello,\\nops\"", JsonResults.of(42, "Hello,\nops"));
    }
}
