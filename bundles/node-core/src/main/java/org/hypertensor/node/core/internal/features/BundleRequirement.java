package org.hypertensor.node.core.internal.features;

import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/** One {@code -runbundles} entry: a symbolic name and the version range the resolver chose. */
record BundleRequirement(String symbolicName, VersionRange range) {

    static BundleRequirement parse(String clause) {
        String[] parts = clause.split(";");
        String bsn = parts[0].trim();
        VersionRange range = new VersionRange("0.0.0");
        for (int i = 1; i < parts.length; i++) {
            String attr = parts[i].trim();
            if (attr.startsWith("version=")) {
                String value = attr.substring("version=".length()).trim();
                if (value.length() >= 2 && (value.charAt(0) == '\'' || value.charAt(0) == '"')) {
                    value = value.substring(1, value.length() - 1);
                }
                range = new VersionRange(value);
            }
        }
        if (bsn.isEmpty()) {
            throw new IllegalArgumentException("empty bundle name in -runbundles clause '" + clause + "'");
        }
        return new BundleRequirement(bsn, range);
    }

    boolean matches(String bsn, Version version) {
        return symbolicName.equals(bsn) && range.includes(version);
    }

    @Override
    public String toString() {
        return symbolicName + ";" + range;
    }
}
