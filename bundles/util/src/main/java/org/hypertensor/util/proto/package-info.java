/**
 * The protobuf wire format the node's protocols use (varints, length-delimited and fixed fields), decoded
 * strictly: what does not decode throws {@link org.hypertensor.util.proto.MalformedInputException}. Shared by the
 * node's bundles; marked {@code x-internal}: plugins must not depend on it.
 */
@Version("1.0.0")
package org.hypertensor.util.proto;

import org.osgi.annotation.versioning.Version;
