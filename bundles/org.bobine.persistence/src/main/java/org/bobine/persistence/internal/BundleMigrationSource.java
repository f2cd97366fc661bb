package org.bobine.persistence.internal;

import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import org.osgi.framework.Bundle;

/** The migrations in a bundle (and its fragments), found with {@link Bundle#findEntries}: no class path scan. */
final class BundleMigrationSource implements MigrationSource {

    private final Bundle bundle;

    BundleMigrationSource(Bundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public List<MigrationScript> scripts(String path) {
        List<MigrationScript> scripts = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries(path, "*.sql", false);
        if (entries != null) {
            while (entries.hasMoreElements()) {
                scripts.add(MigrationScript.of(entries.nextElement()));
            }
        }
        return scripts;
    }

    @Override
    public String toString() {
        return bundle.getSymbolicName();
    }
}
