package org.bobine.catalog.internal;

import org.bobine.web.api.InstanceAddress;

/** The address of the instance in tests: {@code https://videos.example.org}. */
final class FakeAddress implements InstanceAddress {

    static final String HOST = "videos.example.org";

    @Override
    public String hostname() {
        return HOST;
    }

    @Override
    public int port() {
        return 443;
    }

    @Override
    public boolean https() {
        return true;
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public String baseUrl() {
        return "https://" + HOST;
    }
}
