package org.hypertensor.ledger.internal.osgi;

import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Supplier;
import org.hypertensor.crypto.api.Ed25519KeyPair;
import org.hypertensor.crypto.api.Signer;
import org.hypertensor.ledger.api.BlockInfo;
import org.hypertensor.ledger.api.TransactionRejected;
import org.hypertensor.ledger.api.codec.DecodeException;
import org.hypertensor.ledger.api.consensus.ActiveSet;
import org.hypertensor.ledger.api.consensus.CandidateBlock;
import org.hypertensor.ledger.api.consensus.ConsensusChain;
import org.hypertensor.ledger.api.consensus.ConsensusException;
import org.hypertensor.ledger.api.consensus.Equivocation;
import org.hypertensor.ledger.api.consensus.EvidenceRule;
import org.hypertensor.ledger.api.consensus.FinalizedBlock;
import org.hypertensor.ledger.api.consensus.ValidatorSet;
import org.hypertensor.ledger.api.tx.Call;
import org.hypertensor.ledger.api.tx.SignedTransaction;
import org.hypertensor.ledger.internal.block.Block;
import org.hypertensor.ledger.internal.chain.Chain;
import org.hypertensor.ledger.internal.chain.ChainException;
import org.hypertensor.ledger.internal.validators.ValidatorsModule;
import org.hypertensor.store.api.StateReader;

/** The {@link ConsensusChain} service: the chain's consensus operations, with the SPI's exceptions. */
public final class LedgerConsensus implements ConsensusChain {

    private final Chain chain;
    private final Supplier<Optional<Signer>> validatorKey;

    public LedgerConsensus(Chain chain, Supplier<Optional<Signer>> validatorKey) {
        this.chain = chain;
        this.validatorKey = validatorKey;
    }

    /** A node without a validator key. */
    public LedgerConsensus(Chain chain) {
        this(chain, Optional::empty);
    }

    @Override
    public Optional<Signer> validatorKey() {
        return validatorKey.get();
    }

    @Override
    public byte[] genesisHash() {
        return chain.genesisHash();
    }

    @Override
    public String chainId() {
        return chain.spec().id();
    }

    @Override
    public long blockTimeMs() {
        return chain.spec().blockTimeMs();
    }

    @Override
    public BlockInfo finalizedHead() {
        return chain.finalizedHead();
    }

    @Override
    public ValidatorSet validators(long height) throws ConsensusException {
        return activeSet(height).validators();
    }

    @Override
    public ActiveSet activeSet(long height) throws ConsensusException {
        try {
            return chain.activeSet(height);
        } catch (IllegalArgumentException e) {
            throw new ConsensusException(e.getMessage(), false, e);
        }
    }

    @Override
    public int maxBlockTransactions() {
        return chain.maxBlockTransactions();
    }

    @Override
    public Optional<ValidatorSet> scheduledValidators() {
        return chain.scheduledValidators();
    }

    @Override
    public byte[] submitEvidence(byte[] evidence) throws ConsensusException {
        EvidenceRule rule = chain.evidenceRule()
                .orElseThrow(() -> new ConsensusException("this chain's finality rule verifies no evidence", false));
        Equivocation e = rule.verifyEvidence(evidence);
        if (chain.evidenceReported(e)) {
            throw new ConsensusException("duplicate evidence: " + e + " was reported already", true);
        }
        long next = chain.finalizedHead().number() + 1;
        if (!chain.validators(next).contains(e.offender())) {
            throw new ConsensusException("the offender of " + e + " is no validator of height " + next, false);
        }
        if (!(validatorKey.get().orElse(null) instanceof Ed25519KeyPair key)) {
            throw new ConsensusException("no validator key to sign the evidence transaction with", false);
        }
        Call call = new Call(ValidatorsModule.NAME, "report_equivocation", ValidatorsModule.reportArgs(evidence));
        try {
            long nonce = chain.account(key.publicKey()).nextNonce();
            return chain.submit(SignedTransaction.sign(key, chain.genesisHash(), nonce, BigInteger.ZERO, call));
        } catch (TransactionRejected r) {
            throw new ConsensusException("the evidence transaction was refused: " + r.getMessage(), false, r);
        }
    }

    @Override
    public CandidateBlock propose(Signer author, long timestampMs) throws ConsensusException {
        try {
            return candidate(chain.propose(author, timestampMs));
        } catch (ChainException e) {
            throw wrap(e);
        }
    }

    @Override
    public CandidateBlock execute(byte[] encodedBlock) throws ConsensusException {
        try {
            return candidate(chain.execute(decode(encodedBlock)));
        } catch (ChainException e) {
            throw wrap(e);
        }
    }

    @Override
    public BlockInfo commit(byte[] blockHash, byte[] certificate) throws ConsensusException {
        try {
            return chain.commit(blockHash, certificate);
        } catch (ChainException e) {
            throw wrap(e);
        }
    }

    @Override
    public BlockInfo importFinalized(FinalizedBlock block) throws ConsensusException {
        Block decoded = decodeServed(block);
        try {
            return chain.importFinalized(decoded, block.certificate());
        } catch (ChainException e) {
            throw wrap(e);
        }
    }

    @Override
    public Optional<FinalizedBlock> finalizedBlock(long number) {
        Optional<byte[]> certificate = chain.certificate(number);
        if (certificate.isEmpty()) {
            return Optional.empty();
        }
        return chain.fullBlock(number).map(b -> new FinalizedBlock(number, b.encode(), certificate.get()));
    }

    /** A block a peer served under a number: it must decode and be that block. */
    static Block decodeServed(FinalizedBlock block) throws ConsensusException {
        Block decoded = decode(block.encoded());
        if (decoded.header().number() != block.number()) {
            throw new ConsensusException(
                    "served as block " + block.number() + " but is block "
                            + decoded.header().number(),
                    true);
        }
        return decoded;
    }

    @Override
    public long bodiesFrom() {
        return chain.bodiesFrom();
    }

    @Override
    public Optional<StateReader> finalizedState(long number) {
        return number <= chain.finalizedHead().number() ? chain.stateAt(number) : Optional.empty();
    }

    private static Block decode(byte[] encoded) throws ConsensusException {
        try {
            return Block.decode(encoded);
        } catch (DecodeException e) {
            throw new ConsensusException("not a block: " + e.getMessage(), true, e);
        }
    }

    private static CandidateBlock candidate(Chain.Candidate c) {
        Block b = c.block();
        return new CandidateBlock(
                b.header().number(),
                c.hash(),
                b.header().parentHash(),
                b.header().stateRoot(),
                b.encode(),
                b.transactions().size());
    }

    private static ConsensusException wrap(ChainException e) {
        return new ConsensusException(e.getMessage(), e.invalidBlock(), e);
    }
}
