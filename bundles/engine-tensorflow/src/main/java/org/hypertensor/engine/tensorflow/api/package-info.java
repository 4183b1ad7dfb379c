/** The TensorFlow Java inference engine, CPU natives by default, GPU natives by profile. */
@Version("1.0.0")
@Export
package org.hypertensor.engine.tensorflow.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
