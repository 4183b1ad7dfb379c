/**
 * What shell commands return: tables the shell prints aligned, and the error for a user mistake, which
 * the shell prints as one line without a stack trace.
 */
@Version("1.4.0")
@Export
package org.hypertensor.plugin.api.shell;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
