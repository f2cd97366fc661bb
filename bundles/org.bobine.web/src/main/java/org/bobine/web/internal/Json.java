package org.bobine.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import org.bobine.web.api.Page;

/** The one JSON mapper of the HTTP API, configured for PeerTube's conventions. */
final class Json {

    /** Leaves {@code total} out of a {@link Page} that was not counted. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private abstract static class PageMixIn {
    }

    static final ObjectMapper MAPPER = JsonMapper.builder()
            // Clients send more than we read (PeerTube ignores unknown fields too).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addMixIn(Page.class, PageMixIn.class)
            .build();

    private Json() {
    }
}
