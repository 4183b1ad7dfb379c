/**
 * Named threads for the node's executors, so that thread dumps and logs say whose a thread is. Shared by the
 * node's bundles; marked {@code x-internal}: plugins must not depend on it.
 */
@Version("1.0.0")
package org.hypertensor.util.concurrent;

import org.osgi.annotation.versioning.Version;
