package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bobine.auth.api.CreatedUser;
import org.bobine.auth.api.UserDirectory;
import org.bobine.web.api.ApiException;
import org.bobine.web.api.ApiUser;
import org.bobine.web.api.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The catalog's components on a real database (H2, and PostgreSQL when one is given): the migrations, the
 * accounts and channels of users, and the routes, activated without a framework.
 */
class CatalogTest {

    static final ApiUser ALICE = new ApiUser(1, "alice", ApiUser.USER);
    static final ApiUser BOB = new ApiUser(2, "bob", ApiUser.USER);
    static final ApiUser MODERATOR = new ApiUser(3, "mod", ApiUser.MODERATOR);

    @TempDir
    Path dataDir;

    TestDatabase test;
    Actors actors;
    UserProfiles profiles;
    AccountRoutes accounts;
    ChannelRoutes channels;

    void open(TestDatabase.Backend backend, int maxPerUser) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        actors = new Actors(test.database, new FakeAddress());
        profiles = new UserProfiles(actors);
        accounts = new AccountRoutes(actors);
        channels = new ChannelRoutes(actors, new ChannelSettings(maxPerUser(maxPerUser)));
    }

    static ChannelSettings.Config maxPerUser(int max) {
        return new ChannelSettings.Config() {
            @Override
            public int maxPerUser() {
                return max;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return ChannelSettings.Config.class;
            }
        };
    }

    @AfterEach
    void close() {
        if (test != null) {
            test.close();
        }
    }

    static CreatedUser user(long id, String name) {
        return new CreatedUser(id, name, name + "@example.org", name, name + "_channel", "Main " + name + " channel");
    }

    void create(CreatedUser user) {
        profiles.checkNames(user.username(), user.channelName());
        test.database.run(em -> profiles.created(em, user));
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object json, String... path) {
        Object value = json;
        for (String key : path) {
            value = ((Map<String, Object>) value).get(key);
        }
        return (T) value;
    }

    static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void aNewUserGetsAnAccountAndADefaultChannel(TestDatabase.Backend backend) throws Exception {
        open(backend, 20);
        create(user(1, "alice"));

        Map<String, Object> alice = accounts.get(FakeRequest.get().path("name", "alice"));
        assertThat(alice).containsEntry("name", "alice").containsEntry("displayName", "alice")
                .containsEntry("host", FakeAddress.HOST).containsEntry("userId", 1L)
                .containsEntry("url", "https://videos.example.org/accounts/alice");
        assertThat(accounts.get(FakeRequest.get().path("name", "alice@videos.example.org"))).isEqualTo(alice);

        Map<String, Object> channel = channels.get(FakeRequest.get().path("handle", "alice_channel"));
        assertThat(channel).containsEntry("displayName", "Main alice channel").containsEntry("isLocal", true)
                .containsEntry("url", "https://videos.example.org/video-channels/alice_channel");
        assertThat(at(channel, "ownerAccount", "id").equals(alice.get("id"))).isTrue();

        Map<Long, Map<String, Object>> fields = profiles.userFields(List.of(1L, 99L));
        assertThat(fields).containsOnlyKeys(1L);
        assertThat(fields.get(1L)).containsOnlyKeys("account", "videoChannels");
        assertThat(fields.get(1L).get("account")).isEqualTo(alice);
        assertThat(fields.get(1L).get("videoChannels")).isEqualTo(List.of(channel));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void accountsAndChannelsShareOneNamespaceThatKeepsTheNamesOfRemovedActors(TestDatabase.Backend backend)
            throws Exception {
        open(backend, 20);
        create(user(1, "alice"));
        assertThatThrownBy(() -> profiles.checkNames("bob", "bob")).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("Channel name cannot be the same as user username.");
                });
        for (String[] names : List.of(new String[] {"alice", "x_channel"}, new String[] {"alice_channel", "y"},
                new String[] {"bob", "alice"})) {
            assertThatThrownBy(() -> profiles.checkNames(names[0], names[1]))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.getMessage()).isEqualTo(Actors.NAME_TAKEN);
                    });
        }
        assertThat(status(() -> channels.create(FakeRequest.post(Map.of("name", "alice", "displayName", "A"))
                .as(ALICE)))).isEqualTo(409);

        test.database.run(em -> profiles.deleting(em, 1));
        assertThat(status(() -> accounts.get(FakeRequest.get().path("name", "alice")))).isEqualTo(404);
        assertThat(status(() -> channels.get(FakeRequest.get().path("handle", "alice_channel")))).isEqualTo(404);
        assertThat(profiles.userFields(List.of(1L))).isEmpty();
        assertThat(status(() -> profiles.checkNames("alice", "other"))).as("a removed account's name").isEqualTo(409);
        assertThat(status(() -> profiles.checkNames("other", "alice_channel"))).as("a removed channel's name")
                .isEqualTo(409);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void aTakenDefaultChannelNameGivesANumberedOne(TestDatabase.Backend backend) throws Exception {
        open(backend, 20);
        create(user(1, "alice"));
        channels.create(FakeRequest.post(Map.of("name", "bob_channel", "displayName", "Not Bob's")).as(ALICE));
        create(user(2, "bob"));
        Map<Long, Map<String, Object>> fields = profiles.userFields(List.of(2L));
        assertThat((List<?>) fields.get(2L).get("videoChannels")).extracting(c -> at(c, "name"))
                .containsExactly("bob_channel-1");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void profileChangesReachTheAccount(TestDatabase.Backend backend) throws Exception {
        open(backend, 20);
        create(user(1, "alice"));
        test.database.run(em -> profiles.profileChanged(em, 1, "Alice A.", "Films about birds"));
        test.database.run(em -> profiles.profileChanged(em, 1, null, null));
        assertThat(accounts.get(FakeRequest.get().path("name", "alice"))).containsEntry("displayName", "Alice A.")
                .containsEntry("description", "Films about birds");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void catchingUpCreatesMissingAccountsAndRemovesOrphansAndCanRunAgain(TestDatabase.Backend backend)
            throws Exception {
        open(backend, 20);
        create(user(1, "gone"));
        List<CreatedUser> users = new ArrayList<>();
        for (int id = 2; id <= 2 + UserProfiles.CATCH_UP_PAGE; id++) {
            users.add(user(id, "user" + id));
        }
        create(users.get(5));
        UserDirectory directory = new UserDirectory() {
            @Override
            public List<CreatedUser> page(long afterId, int count) {
                return users.stream().filter(u -> u.id() > afterId).limit(count).toList();
            }

            @Override
            public boolean exists(long userId) {
                return users.stream().anyMatch(u -> u.id() == userId);
            }
        };
        profiles.catchUp(directory);
        profiles.catchUp(directory);

        Page<Map<String, Object>> all = accounts.list(FakeRequest.get().query("count", "100"));
        assertThat(all.total()).isEqualTo(users.size());
        assertThat(status(() -> accounts.get(FakeRequest.get().path("name", "gone")))).isEqualTo(404);
        assertThat(profiles.userFields(users.stream().map(CreatedUser::id).toList())).hasSize(users.size())
                .allSatisfy((id, fields) -> assertThat((List<?>) fields.get("videoChannels")).hasSize(1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void usersCreateChannelsUpToTheLimit(TestDatabase.Backend backend) throws Exception {
        open(backend, 3);
        create(user(1, "alice"));
        Map<String, Object> created = channels.create(FakeRequest.post(Map.of("name", "birds", "displayName",
                "Birds", "description", "Films about birds", "support", "Thanks")).as(ALICE));
        Object id = at(created, "videoChannel", "id");
        Map<String, Object> birds = channels.get(FakeRequest.get().path("handle", "birds@videos.example.org"));
        assertThat(birds).containsEntry("id", id).containsEntry("description", "Films about birds")
                .containsEntry("support", "Thanks");
        assertThat(at(birds, "ownerAccount", "name").equals("alice")).isTrue();

        channels.create(FakeRequest.post(Map.of("name", "bees", "displayName", "Bees")).as(ALICE));
        assertThatThrownBy(() -> channels.create(FakeRequest.post(Map.of("name", "bats", "displayName", "Bats"))
                .as(ALICE))).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("You cannot create more than 3 channels");
                });
        assertThatThrownBy(() -> channels.create(FakeRequest.post(Map.of("name", "Bad", "displayName", "")).as(ALICE)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.invalidParams()).containsOnlyKeys("name", "displayName"));
        assertThat(status(() -> channels.create(FakeRequest.post(Map.of("name", "x", "displayName", "X")))))
                .as("anonymous").isEqualTo(401);

        Page<Map<String, Object>> mine = accounts.channels(FakeRequest.get().path("name", "alice")
                .query("sort", "name"));
        assertThat(mine.total()).isEqualTo(3);
        assertThat(mine.data()).extracting(c -> c.get("name")).containsExactly("alice_channel", "bees", "birds");
        Page<Map<String, Object>> all = channels.list(FakeRequest.get().query("sort", "-createdAt").query("count",
                "2"));
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.data()).hasSize(2);
        assertThat(status(() -> channels.list(FakeRequest.get().query("sort", "displayName")))).isEqualTo(400);
        assertThat(status(() -> accounts.channels(FakeRequest.get().path("name", "nobody")))).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void ownersAndChannelManagersChangeAndRemoveChannels(TestDatabase.Backend backend) throws Exception {
        open(backend, 20);
        create(user(1, "alice"));
        create(user(2, "bob"));
        channels.create(FakeRequest.post(Map.of("name", "birds", "displayName", "Birds")).as(ALICE));

        Map<String, Object> change = Map.of("displayName", "Birds of prey", "description", "Hawks and owls",
                "bulkVideosSupportUpdate", true);
        assertThat(status(() -> channels.update(FakeRequest.put(change).path("handle", "birds")))).isEqualTo(401);
        assertThat(status(() -> channels.update(FakeRequest.put(change).path("handle", "birds").as(BOB))))
                .isEqualTo(403);
        assertThat(status(() -> channels.update(FakeRequest.put(change).path("handle", "nope").as(ALICE))))
                .isEqualTo(404);
        channels.update(FakeRequest.put(change).path("handle", "birds").as(ALICE));
        assertThat(channels.get(FakeRequest.get().path("handle", "birds")))
                .containsEntry("displayName", "Birds of prey").containsEntry("description", "Hawks and owls");
        Map<String, Object> removeDescription = new java.util.HashMap<>();
        removeDescription.put("description", null);
        removeDescription.put("support", "Thanks");
        channels.update(FakeRequest.put(removeDescription).path("handle", "birds").as(MODERATOR));
        assertThat(channels.get(FakeRequest.get().path("handle", "birds")))
                .containsEntry("displayName", "Birds of prey").containsEntry("description", null)
                .containsEntry("support", "Thanks");

        assertThat(status(() -> channels.remove(FakeRequest.delete().path("handle", "birds").as(BOB))))
                .isEqualTo(403);
        channels.remove(FakeRequest.delete().path("handle", "birds").as(MODERATOR));
        assertThat(status(() -> channels.get(FakeRequest.get().path("handle", "birds")))).isEqualTo(404);
        assertThatThrownBy(() -> channels.remove(FakeRequest.delete().path("handle", "alice_channel").as(ALICE)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).isEqualTo("Cannot remove the last channel of this user");
                });
        assertThat(status(() -> channels.create(FakeRequest.post(Map.of("name", "birds", "displayName", "B"))
                .as(BOB)))).as("a removed channel's name stays taken").isEqualTo(409);
    }
}
