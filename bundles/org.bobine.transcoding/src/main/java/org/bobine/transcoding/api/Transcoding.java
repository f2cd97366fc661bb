package org.bobine.transcoding.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The instance's transcoding, as the bundle that takes uploads sees it. One service, registered by the transcoding
 * bundle while it runs; without it nothing is transcoded and uploads are published as they are.
 */
@ProviderType
public interface Transcoding {

    /**
     * @return whether new uploads are transcoded ({@code transcoding.enabled}): the keeper of videos then creates
     *         them in PeerTube's state "to transcode" (the original file stays playable meanwhile) and the
     *         transcoding bundle finds them through {@link TranscodingSources#awaitingTranscoding(int)}
     */
    boolean enabled();
}
