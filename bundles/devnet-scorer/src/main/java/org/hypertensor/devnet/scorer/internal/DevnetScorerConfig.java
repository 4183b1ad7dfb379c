package org.hypertensor.devnet.scorer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The devnet scorer's configuration ({@code etc/org.hypertensor.devnet.scorer.cfg}). */
@ObjectClassDefinition(
        id = DevnetScorerConfig.PID,
        name = "Devnet scorer",
        description = "On a dev chain, submits equal honest scores every epoch for the given development keys")
public @interface DevnetScorerConfig {

    String PID = "org.hypertensor.devnet.scorer";

    @AttributeDefinition(description = "comma-separated development key URIs (//Alice,//Bob); empty: off")
    String keys() default "";

    @AttributeDefinition(description = "the score given to every included node, 1..10000")
    long score() default 10000;
}
