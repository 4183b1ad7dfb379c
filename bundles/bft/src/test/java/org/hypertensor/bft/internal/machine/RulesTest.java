package org.hypertensor.bft.internal.machine;

import static org.hypertensor.bft.api.Step.PRECOMMIT;
import static org.hypertensor.bft.api.Step.PREVOTE;
import static org.hypertensor.bft.api.Step.PROPOSE;
import static org.hypertensor.bft.internal.machine.Script.A;
import static org.hypertensor.bft.internal.machine.Script.B;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hypertensor.bft.api.Effect;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paper's rules (Algorithm 1; line numbers are the paper's) as a table: a script of events fed to
 * one machine, what it must sign, in order, and further checks of its state. Four validators of equal
 * power: a quorum is 3, f+1 is 2; the machine counts its own votes.
 */
class RulesTest {

    record Case(String name, Consumer<Script> events, List<String> signs, Consumer<Script> then) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case row(String name, Consumer<Script> events, List<String> signs, Consumer<Script> then) {
        return new Case(name, events, signs, then);
    }

    static Case row(String name, Consumer<Script> events, List<String> signs) {
        return new Case(name, events, signs, s -> {});
    }

    /** Round 0: the machine locks A (prevote and precommit A), the others precommit nil: round 1 begins. */
    static void lockAInRound0(Script s) {
        s.start().proposal(0, A).prevotes(0, A, 2).precommits(0, null, 2).timeout(PRECOMMIT, 0);
    }

    /** Round 0 all nil (timeouts of propose, then precommit): round 1 begins. */
    static void nilRound0(Script s) {
        s.start()
                .timeout(PROPOSE, 0)
                .prevotes(0, null, 2)
                .precommits(0, null, 2)
                .timeout(PRECOMMIT, 0);
    }

    static Stream<Case> cases() {
        return Stream.of(
                row("line 22: prevote a valid proposal", s -> s.start().proposal(0, A), List.of("PREVOTE 0 A")),
                row(
                        "line 22: prevote nil for an invalid block",
                        s -> s.start().invalid(A).proposal(0, A),
                        List.of("PREVOTE 0 nil")),
                row(
                        "line 36: a polka for the proposal locks and precommits it",
                        s -> s.start().proposal(0, A).prevotes(0, A, 2),
                        List.of("PREVOTE 0 A", "PRECOMMIT 0 A"),
                        s -> {
                            assertEquals(0, s.status().lockedRound());
                            assertEquals(A, s.status().lockedValue());
                            assertEquals(0, s.status().validRound());
                        }),
                row(
                        "line 36: a polka without the proposal is not enough",
                        s -> s.start().prevotes(0, A, 3),
                        List.of(),
                        s -> assertEquals(-1, s.status().lockedRound())),
                row(
                        "line 57: no proposal in time: prevote nil",
                        s -> s.start().timeout(PROPOSE, 0),
                        List.of("PREVOTE 0 nil")),
                row(
                        "line 44: 2f+1 nil prevotes: precommit nil",
                        s -> s.start().timeout(PROPOSE, 0).prevotes(0, null, 2),
                        List.of("PREVOTE 0 nil", "PRECOMMIT 0 nil")),
                row(
                        "lines 34, 61: mixed prevotes start the prevote timeout; it precommits nil",
                        s -> s.start()
                                .proposal(0, A)
                                .votes(PREVOTE, 0, A, 0, 1)
                                .votes(PREVOTE, 0, B, 1, 1)
                                .timeout(PREVOTE, 0),
                        List.of("PREVOTE 0 A", "PRECOMMIT 0 nil")),
                row(
                        "lines 47, 65: any 2f+1 precommits start the precommit timeout; it starts the next round",
                        RulesTest::nilRound0,
                        List.of("PREVOTE 0 nil", "PRECOMMIT 0 nil"),
                        s -> {
                            assertEquals(1, s.status().round());
                            assertEquals(PROPOSE, s.status().step());
                        }),
                row(
                        "timeouts grow per round: base + round × delta",
                        RulesTest::nilRound0,
                        List.of("PREVOTE 0 nil", "PRECOMMIT 0 nil"),
                        s -> {
                            assertEquals(1000, s.delayOf(PROPOSE, 0));
                            assertEquals(600, s.delayOf(PREVOTE, 0));
                            assertEquals(700, s.delayOf(PRECOMMIT, 0));
                            assertEquals(1500, s.delayOf(PROPOSE, 1));
                        }),
                row(
                        "a lock on A: prevote nil for B in a later round, then precommit nil",
                        s -> {
                            lockAInRound0(s);
                            s.proposal(1, B).prevotes(1, null, 2);
                        },
                        List.of("PREVOTE 0 A", "PRECOMMIT 0 A", "PREVOTE 1 nil", "PRECOMMIT 1 nil"),
                        s -> assertEquals(A, s.status().lockedValue())),
                row(
                        "a lock on A: a polka for B without B's proposal never gets a precommit for B",
                        s -> {
                            lockAInRound0(s);
                            s.timeout(PROPOSE, 1).prevotes(1, B, 3).timeout(PREVOTE, 1);
                        },
                        List.of("PREVOTE 0 A", "PRECOMMIT 0 A", "PREVOTE 1 nil", "PRECOMMIT 1 nil")),
                row(
                        "line 36 relock: a later polka for the proposed B moves the lock to B",
                        s -> {
                            lockAInRound0(s);
                            s.proposal(1, B).prevotes(1, B, 3);
                        },
                        List.of("PREVOTE 0 A", "PRECOMMIT 0 A", "PREVOTE 1 nil", "PRECOMMIT 1 B"),
                        s -> {
                            assertEquals(1, s.status().lockedRound());
                            assertEquals(B, s.status().lockedValue());
                        }),
                row(
                        "line 28 unlock: a proposal with validRound above the lock round gets a prevote",
                        s -> {
                            lockAInRound0(s);
                            s.timeout(PROPOSE, 1)
                                    .prevotes(1, B, 2)
                                    .timeout(PREVOTE, 1) // precommit nil: the B polka is not complete yet
                                    .votes(PREVOTE, 1, B, 2, 1)
                                    .proposal(1, B) // line 36 after precommit: B becomes the valid value
                                    .precommits(1, null, 2)
                                    .timeout(PRECOMMIT, 1)
                                    .proposal(2, B, 1);
                        },
                        List.of("PREVOTE 0 A", "PRECOMMIT 0 A", "PREVOTE 1 nil", "PRECOMMIT 1 nil", "PREVOTE 2 B"),
                        s -> {
                            assertEquals(0, s.status().lockedRound(), "the lock itself moves only on a new polka");
                            assertEquals(1, s.status().validRound());
                            assertEquals(B, s.status().validValue());
                        }),
                row(
                        "line 28: no polka at the validRound: wait, and prevote nil on timeout",
                        s -> {
                            lockAInRound0(s);
                            s.proposal(1, B)
                                    .prevotes(1, null, 2)
                                    .precommits(1, null, 2)
                                    .timeout(PRECOMMIT, 1);
                            s.proposal(2, B, 1).timeout(PROPOSE, 2);
                        },
                        List.of("PREVOTE 0 A", "PRECOMMIT 0 A", "PREVOTE 1 nil", "PRECOMMIT 1 nil", "PREVOTE 2 nil")),
                row(
                        "line 28: a polka at validRound below the lock round does not unlock",
                        s -> {
                            s.start().proposal(0, B).votes(PREVOTE, 0, B, 0, 2); // B polka in round 0
                            s.precommits(0, null, 2).timeout(PRECOMMIT, 0);
                            s.proposal(1, A).prevotes(1, A, 3); // relock on A in round 1
                            s.precommits(1, null, 2).timeout(PRECOMMIT, 1);
                            s.proposal(2, B, 0); // B's polka (round 0) is older than the lock
                        },
                        List.of("PREVOTE 0 B", "PRECOMMIT 0 B", "PREVOTE 1 nil", "PRECOMMIT 1 A", "PREVOTE 2 nil")),
                row(
                        "line 49: precommits of an earlier round decide, in a later round",
                        s -> s.start().prevotes(1, null, 2).proposal(0, A).precommits(0, A, 3),
                        List.of(),
                        s -> {
                            assertEquals(1, s.decisions().size());
                            Effect.Decide d = s.decisions().get(0);
                            assertEquals(A, d.value());
                            assertEquals(0, d.certificate().round());
                            assertDoesNotThrow(() -> d.certificate().verifyFor(s.set, Script.CHAIN, 1, A));
                            assertTrue(s.status().decided());
                            assertEquals(1, s.status().round());
                        }),
                row(
                        "line 49: a later round's proposal and precommits decide (after the line-55 skip)",
                        s -> s.start().proposal(2, A).precommits(2, A, 3),
                        List.of("PREVOTE 2 A"),
                        s -> {
                            assertEquals(A, s.decisions().get(0).value());
                            assertEquals(2, s.decisions().get(0).certificate().round());
                        }),
                row(
                        "line 49: precommits without the proposal do not decide",
                        s -> s.start().precommits(0, A, 3),
                        List.of(),
                        s -> assertTrue(s.decisions().isEmpty())),
                row(
                        "line 49: precommits for an invalid block do not decide",
                        s -> s.start().invalid(A).proposal(0, A).precommits(0, A, 3),
                        List.of("PREVOTE 0 nil"),
                        s -> assertTrue(s.decisions().isEmpty())),
                row(
                        "line 55: one validator (1/4) in round 5 does not move the machine",
                        s -> s.start().votes(PREVOTE, 5, null, 0, 1),
                        List.of(),
                        s -> assertEquals(0, s.status().round())),
                row(
                        "line 55: f+1 (2/4) in round 5 skip the machine to round 5",
                        s -> s.start().votes(PREVOTE, 5, null, 0, 1).votes(PRECOMMIT, 5, null, 1, 1),
                        List.of(),
                        s -> {
                            assertEquals(5, s.status().round());
                            assertEquals(3500, s.delayOf(PROPOSE, 5));
                        }),
                row(
                        "line 55: f+1 far ahead (beyond the kept window) still skip",
                        s -> s.start().votes(PREVOTE, 500, null, 0, 2),
                        List.of(),
                        s -> assertEquals(500, s.status().round())),
                row(
                        "StartRound: the proposer proposes a new block when it has no valid value",
                        s -> s.start().prevotes(3, null, 2),
                        List.of("PROPOSAL 3 N1 vr=-1", "PREVOTE 3 N1")),
                row(
                        "StartRound: the proposer re-proposes its valid value with its validRound",
                        s -> {
                            s.start().proposal(0, A).prevotes(0, A, 2);
                            s.votes(PREVOTE, 3, null, 0, 2);
                        },
                        List.of("PREVOTE 0 A", "PRECOMMIT 0 A", "PROPOSAL 3 A vr=0", "PREVOTE 3 A")),
                row(
                        "a decision waits for the next start; the machine signs nothing more at that height",
                        s -> s.start()
                                .proposal(0, A)
                                .prevotes(0, A, 2)
                                .precommits(0, A, 2)
                                .prevotes(1, null, 3),
                        List.of("PREVOTE 0 A", "PRECOMMIT 0 A"),
                        s -> {
                            assertEquals(1, s.decisions().size());
                            assertEquals(0, s.status().round(), "a decided height does not skip rounds");
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rule(Case c) {
        Script script = new Script();
        c.events().accept(script);
        assertEquals(c.signs(), script.signed, "what the machine signed");
        c.then().accept(script);
        assertTrue(script.decisions().isEmpty() || script.decisions().size() == 1, "at most one decision per height");
        for (String s : script.signed) {
            assertTrue(!s.contains("N1") || s.contains(" 3 "), "only the machine's own round has N1: " + s);
        }
    }
}
