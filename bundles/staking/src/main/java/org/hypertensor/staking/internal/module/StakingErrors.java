package org.hypertensor.staking.internal.module;

import org.hypertensor.ledger.api.runtime.ModuleError;

/** The staking module's named errors (see {@code docs/staking.md}). */
final class StakingErrors {

    private StakingErrors() {}

    static ModuleError of(String name, String message) {
        return new ModuleError(name, message);
    }

    static final String INVALID_SUBNET_NAME = "InvalidSubnetName";
    static final String INVALID_MODEL = "InvalidModel";
    static final String SUBNET_ALREADY_ACTIVATED = "SubnetAlreadyActivated";
    static final String SUBNET_NOT_ACTIVATED = "SubnetNotActivated";
    static final String SUBNET_NAME_TAKEN = "SubnetNameTaken";
    static final String TOO_MANY_SUBNETS = "TooManySubnets";
    static final String NO_SUCH_SUBNET = "NoSuchSubnet";
    static final String SUBNET_NOT_REMOVABLE = "SubnetNotRemovable";
    static final String TOO_MANY_PENALTIES = "TooManyPenalties";
    static final String SUBNET_FULL = "SubnetFull";
    static final String ALREADY_REGISTERED = "AlreadyRegistered";
    static final String INVALID_PEER_ID = "InvalidPeerId";
    static final String PEER_ID_TAKEN = "PeerIdTaken";
    static final String INVALID_MULTIADDR = "InvalidMultiaddr";
    static final String STAKE_BELOW_MINIMUM = "StakeBelowMinimum";
    static final String STAKE_ABOVE_MAXIMUM = "StakeAboveMaximum";
    static final String INSUFFICIENT_BALANCE = "InsufficientBalance";
    static final String REREGISTRATION_TOO_EARLY = "ReregistrationTooEarly";
    static final String NOT_REGISTERED = "NotRegistered";
    static final String STAKE_LOCKED_AT_BOUNDARY = "StakeLockedAtBoundary";
    static final String ZERO_AMOUNT = "ZeroAmount";
    static final String OUTSIDE_EXIT_WINDOW = "OutsideExitWindow";
    static final String NOTHING_TO_UPDATE = "NothingToUpdate";
}
