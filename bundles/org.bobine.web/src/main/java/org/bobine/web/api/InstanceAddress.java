package org.bobine.web.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The public address of the instance, from the {@code webserver} section of the configuration: what other
 * servers and clients use to reach it, which is not always where it listens (a reverse proxy may sit in
 * front).
 */
@ProviderType
public interface InstanceAddress {

    /** @return the public host name, for example {@code videos.example.org} */
    String hostname();

    /** @return the public port */
    int port();

    /** @return whether the instance is reached over HTTPS */
    boolean https();

    /**
     * @return the {@code Host} header value clients send: the host name, followed by {@code :port} unless the
     *         port is the default one of the scheme (80, or 443 with HTTPS)
     */
    String host();

    /** @return the base URL, without trailing slash, for example {@code https://videos.example.org} */
    String baseUrl();
}
