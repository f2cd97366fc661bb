package org.bobine.web.api;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Contributes sections of PeerTube's {@code ServerConfig} document, served at {@code GET /api/v1/config}.
 *
 * <p>Each bundle describes the part of the instance it owns: the themes bundle the {@code theme} section, the
 * users bundle {@code signup} and {@code user}, and so on. The web bundle merges the sections of every
 * contributor into the document: a top-level key given by two contributors is merged recursively when both
 * values are objects, otherwise the contributor with the higher service ranking wins.
 *
 * <p>Called on every request for the document, possibly concurrently: keep it cheap and thread-safe.
 */
@ConsumerType
public interface ServerConfigContributor {

    /**
     * @param request the request for the configuration, for sections that depend on the client (for example
     *        whether sign-up is allowed from its address)
     * @return the sections to add: top-level keys of the document and their JSON-serialisable values
     */
    Map<String, Object> serverConfig(ApiRequest request);
}
