package org.hypertensor.bft.api;

import java.io.IOException;
import java.nio.file.Path;
import org.hypertensor.bft.internal.driver.MachineDriver;
import org.hypertensor.bft.internal.driver.ThreadEventLoop;
import org.hypertensor.bft.internal.guard.FileSignGuard;
import org.hypertensor.bft.internal.machine.TendermintMachine;

/** Factories of the BFT pieces (the implementations are internal). */
public final class Bft {

    private Bft() {}

    /** A new consensus state machine. */
    public static ConsensusMachine machine(MachineConfig config) {
        return new TendermintMachine(config);
    }

    /**
     * A driver running {@code machine} on {@code loop}; every {@code retransmitMs} milliseconds (0: never)
     * it sends the machine's messages of the current round again ({@link ConsensusMachine#retransmit()}).
     */
    public static ConsensusDriver driver(
            ConsensusMachine machine,
            EventLoop loop,
            Outbound outbound,
            DecisionSink sink,
            SignGuard guard,
            long retransmitMs) {
        return new MachineDriver(machine, loop, outbound, sink, guard, retransmitMs);
    }

    /**
     * The double-sign guard kept in {@code file} (e.g. {@code <data>/bft/sign-guard.bin}).
     *
     * @throws IOException if the file exists but cannot be read or is corrupt
     */
    public static SignGuard fileSignGuard(Path file) throws IOException {
        return new FileSignGuard(file);
    }

    /** A real event loop: one daemon thread named {@code threadName}. */
    public static ManagedEventLoop threadEventLoop(String threadName) {
        return new ThreadEventLoop(threadName);
    }
}
