package org.hypertensor.ledger.internal.spec;

/** A runtime module the chain needs, in the exact version. */
public record ModuleRequirement(String name, int version) {

    @Override
    public String toString() {
        return name + " v" + version;
    }
}
