/**
 * Files the node must not lose or half-write (keys, identities, the double-sign guard, installed features):
 * written whole to a temporary file, forced to disk, renamed atomically, and the rename made durable. Shared by the
 * node's bundles; marked {@code x-internal}: plugins must not depend on it.
 */
@Version("1.0.0")
package org.hypertensor.util.files;

import org.osgi.annotation.versioning.Version;
