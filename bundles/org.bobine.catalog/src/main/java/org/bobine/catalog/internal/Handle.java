package org.bobine.catalog.internal;

import java.util.Locale;

/**
 * Handles of actors, as paths and clients write them: {@code name} for a local actor, {@code name@host} for any
 * actor (the local host included), as PeerTube accepts them.
 */
final class Handle {

    private Handle() {
    }

    /** @return the unique key of an actor: its name when local ({@code host} null), otherwise {@code name@host} */
    static String key(String name, String host) {
        return host == null ? name : name + "@" + host;
    }

    /**
     * @param handle a handle from a request
     * @param localHost this instance's host, as {@code InstanceAddress.host()} gives it
     * @return the key of the actor it names, or {@code null} when it cannot name one
     */
    static String lookupKey(String handle, String localHost) {
        int at = handle.indexOf('@');
        if (at < 0) {
            return handle.isEmpty() ? null : handle;
        }
        String name = handle.substring(0, at);
        String host = handle.substring(at + 1).toLowerCase(Locale.ROOT);
        if (name.isEmpty() || host.isEmpty() || host.indexOf('@') >= 0) {
            return null;
        }
        return host.equals(localHost.toLowerCase(Locale.ROOT)) ? name : key(name, host);
    }
}
