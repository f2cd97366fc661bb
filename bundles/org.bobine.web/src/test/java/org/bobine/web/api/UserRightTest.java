package org.bobine.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserRightTest {

    @Test
    void rolesHavePeerTubesRights() {
        for (UserRight right : UserRight.values()) {
            assertThat(right.grantedTo(ApiUser.ADMINISTRATOR)).as(right.name()).isTrue();
            assertThat(right.grantedTo(ApiUser.USER)).as(right.name()).isFalse();
        }
        assertThat(UserRight.MANAGE_USERS.grantedTo(ApiUser.MODERATOR)).isTrue();
        assertThat(UserRight.MANAGE_ABUSES.grantedTo(ApiUser.MODERATOR)).isTrue();
        assertThat(UserRight.MANAGE_CONFIGURATION.grantedTo(ApiUser.MODERATOR)).isFalse();
        assertThat(UserRight.MANAGE_PLUGINS.grantedTo(ApiUser.MODERATOR)).isFalse();
        assertThat(UserRight.ALL.grantedTo(ApiUser.MODERATOR)).isFalse();
        assertThat(UserRight.MODERATOR_RIGHTS).hasSize(15);
    }

    @Test
    void numbersAreThoseOfPeerTube() {
        assertThat(UserRight.ALL.id()).isZero();
        assertThat(UserRight.MANAGE_USERS.id()).isEqualTo(1);
        assertThat(UserRight.MANAGE_REGISTRATIONS.id()).isEqualTo(28);
        assertThat(UserRight.MANAGE_INSTANCE_AUTO_TAGS.id()).isEqualTo(33);
        for (int i = 0; i < UserRight.values().length; i++) {
            assertThat(UserRight.values()[i].id()).isEqualTo(i);
        }
    }
}
