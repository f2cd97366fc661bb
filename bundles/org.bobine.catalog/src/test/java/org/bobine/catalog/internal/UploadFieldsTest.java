package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UploadFieldsTest {

    @Test
    void bracketNotationBecomesListsAndMaps() {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("name", List.of("My video"));
        fields.put("tags[1]", List.of("second"));
        fields.put("tags[0]", List.of("first"));
        fields.put("videoPasswords[]", List.of("pw1", "pw2"));
        fields.put("scheduleUpdate[updateAt]", List.of("2030-01-01T00:00:00Z"));
        fields.put("scheduleUpdate[privacy]", List.of("1"));
        fields.put("language", List.of("fr", "en"));

        Map<String, Object> body = UploadFields.structured(fields);
        assertThat(body).containsEntry("name", "My video").containsEntry("tags", List.of("first", "second"))
                .containsEntry("videoPasswords", List.of("pw1", "pw2"))
                .containsEntry("scheduleUpdate", Map.of("updateAt", "2030-01-01T00:00:00Z", "privacy", "1"))
                .containsEntry("language", List.of("fr", "en"));
    }

    @Test
    void jsonBodiesFlattenToTheSameFieldsAndCheckAlike() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", "Résumé");
        json.put("channelId", 3);
        json.put("privacy", 1);
        json.put("nsfw", true);
        json.put("tags", List.of("a1", "b2"));
        json.put("category", null);
        json.put("scheduleUpdate", Map.of("updateAt", "2030-01-01T00:00:00Z"));

        Map<String, String> flat = UploadFields.flat(json);
        assertThat(flat).containsEntry("tags[0]", "a1").containsEntry("tags[1]", "b2").containsEntry("nsfw", "true")
                .containsEntry("scheduleUpdate[updateAt]", "2030-01-01T00:00:00Z").doesNotContainKey("category");
        assertThat(UploadSessions.decode(UploadSessions.encode(flat))).isEqualTo(flat);

        VideoFields.Metadata metadata = VideoFields.forCreation(UploadFields.structured(UploadFields.asLists(flat)));
        assertThat(metadata.name()).isEqualTo("Résumé");
        assertThat(metadata.privacy()).isEqualTo(VideoConstants.PUBLIC);
        assertThat(metadata.nsfw()).isTrue();
        assertThat(metadata.tags()).containsExactly("a1", "b2");
        assertThat(metadata.scheduleUpdateAt()).isNotNull();
    }
}
