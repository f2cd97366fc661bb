package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.bobine.web.api.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PeerTube's rules for channel fields. */
class ChannelFieldsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "my_channel", "my.channel-2", "x_", "0", "a-b"})
    void acceptsPeerTubeActorNames(String name) {
        assertThat(ChannelFields.validName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "My_Channel", "with space", "-start", "end-", "end.", "é", "a@b"})
    void refusesOtherNames(String name) {
        assertThat(ChannelFields.validName(name)).isFalse();
    }

    @Test
    void namesHaveAtMostFiftyCharacters() {
        assertThat(ChannelFields.validName("a".repeat(50))).isTrue();
        assertThat(ChannelFields.validName("a".repeat(51))).isFalse();
        assertThat(ChannelFields.validName(42)).isFalse();
    }

    @Test
    void displayNamesHaveOneToOneHundredTwentyCharacters() {
        assertThat(ChannelFields.validDisplayName("x")).isTrue();
        assertThat(ChannelFields.validDisplayName("x".repeat(120))).isTrue();
        assertThat(ChannelFields.validDisplayName("")).isFalse();
        assertThat(ChannelFields.validDisplayName("x".repeat(121))).isFalse();
        assertThat(ChannelFields.validDisplayName(null)).isFalse();
    }

    @Test
    void descriptionsAndSupportHaveThreeToOneThousandCharacters() {
        assertThat(ChannelFields.validText("abc")).isTrue();
        assertThat(ChannelFields.validText("a".repeat(1000))).isTrue();
        assertThat(ChannelFields.validText("ab")).isFalse();
        assertThat(ChannelFields.validText("a".repeat(1001))).isFalse();
        assertThat(ChannelFields.validText(true)).isFalse();
    }

    @Test
    void creationNamesEveryInvalidField() {
        Map<String, Object> body = Map.of("name", "Bad Name", "displayName", "", "description", "x", "support", 3);
        assertThatThrownBy(() -> ChannelFields.forCreation(body)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.invalidParams()).containsOnlyKeys("name", "displayName", "description", "support");
            assertThat(e.getMessage()).isEqualTo(
                    "Incorrect request parameters: name, displayName, description, support");
        });
        assertThatThrownBy(() -> ChannelFields.forCreation(Map.of())).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.invalidParams()).containsOnlyKeys("name", "displayName"));
    }

    @Test
    void creationTakesOptionalTexts() {
        assertThat(ChannelFields.forCreation(Map.of("name", "music", "displayName", "Music")))
                .isEqualTo(new ChannelFields.NewChannel("music", "Music", null, null));
        assertThat(ChannelFields.forCreation(Map.of("name", "music", "displayName", "Music", "description",
                "All about music", "support", "Thanks"))).isEqualTo(
                new ChannelFields.NewChannel("music", "Music", "All about music", "Thanks"));
    }

    @Test
    void updateChangesOnlyWhatIsGivenAndNullRemovesTexts() {
        assertThat(ChannelFields.forUpdate(Map.of())).isEqualTo(
                new ChannelFields.ChannelUpdate(null, false, null, false, null, false));
        Map<String, Object> body = new HashMap<>();
        body.put("description", null);
        body.put("support", "Buy me a coffee");
        body.put("bulkVideosSupportUpdate", true);
        assertThat(ChannelFields.forUpdate(body)).isEqualTo(
                new ChannelFields.ChannelUpdate(null, true, null, true, "Buy me a coffee", true));
        assertThat(ChannelFields.forUpdate(Map.of("bulkVideosSupportUpdate", "false")).bulkVideosSupportUpdate())
                .isFalse();
    }

    @Test
    void updateNamesEveryInvalidField() {
        Map<String, Object> body = new HashMap<>();
        body.put("displayName", null);
        body.put("description", "no");
        body.put("bulkVideosSupportUpdate", "maybe");
        assertThatThrownBy(() -> ChannelFields.forUpdate(body)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.invalidParams()).containsOnlyKeys("displayName", "description",
                        "bulkVideosSupportUpdate"));
    }
}
