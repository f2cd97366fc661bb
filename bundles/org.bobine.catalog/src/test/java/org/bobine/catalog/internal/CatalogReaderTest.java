package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.bobine.catalog.api.Comment;
import org.bobine.catalog.api.VideoDetails;
import org.bobine.catalog.api.VideoPage;
import org.bobine.catalog.api.VideoQuery;
import org.bobine.catalog.api.VideoSummary;
import org.bobine.storage.testing.MemoryFileStore;
import org.bobine.web.api.ApiUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exported read API on a real database: lists with their sorts, paging and visibility, a video's details with
 * its files and safely rendered description, comments, channels and accounts.
 */
class CatalogReaderTest {

    @TempDir
    Path dataDir;

    TestDatabase test;
    Videos videos;
    CatalogReader reader;
    CommentRoutes comments;

    void open(TestDatabase.Backend backend) throws Exception {
        test = TestDatabase.open(backend, dataDir);
        Actors actors = new Actors(test.database, new FakeAddress());
        UserProfiles profiles = new UserProfiles(actors);
        videos = new Videos(actors, new FakeAddress(), new MemoryFileStore());
        reader = new CatalogReader(videos);
        comments = new CommentRoutes(videos);
        for (ApiUser user : List.of(ALICE, BOB)) {
            test.database.run(em -> profiles.created(em, CatalogTest.user(user.id(), user.username())));
        }
    }

    @AfterEach
    void close() {
        if (test != null) {
            test.close();
        }
    }

    Videos.CreatedVideo upload(ApiUser user, Map<String, ?> fields) throws Exception {
        long channel = test.database.read(em -> Actors.channelsOf(em,
                Actors.accountOfUser(em, user.id()).orElseThrow().id()).get(0).id());
        String key = UUID.randomUUID() + ".mp4";
        new MemoryFileStore().put(Videos.WEB_VIDEOS, key, new ByteArrayInputStream(new byte[] {1}));
        return videos.createLocal(user.id(), new Videos.NewLocalVideo(channel, VideoFields.forCreation(fields), 61,
                null, new Videos.WebVideoFile(720, 1280, 720, 100, 30, "mp4", key), false));
    }

    static List<String> names(VideoPage page) {
        return page.videos().stream().map(VideoSummary::name).toList();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void listsPageAndHideWhatTheViewerMayNotSee(TestDatabase.Backend backend) throws Exception {
        open(backend);
        upload(ALICE, Map.of("name", "One", "privacy", 1));
        upload(BOB, Map.of("name", "Two", "privacy", 1));
        upload(ALICE, Map.of("name", "Hidden", "privacy", 3));
        upload(ALICE, Map.of("name", "Staff", "privacy", 4));
        upload(BOB, Map.of("name", "Three", "privacy", 1));

        VideoPage first = reader.videos(new VideoQuery(VideoQuery.Sort.RECENT, false, 0, 2), Optional.empty());
        assertThat(first.total()).isEqualTo(3);
        assertThat(names(first)).containsExactly("Three", "Two");
        VideoPage second = reader.videos(new VideoQuery(VideoQuery.Sort.RECENT, true, 2, 2), Optional.empty());
        assertThat(names(second)).containsExactly("One");
        assertThat(names(reader.videos(new VideoQuery(VideoQuery.Sort.RECENT, false, 0, 10), Optional.of(BOB))))
                .containsExactly("Three", "Staff", "Two", "One");
        assertThat(names(reader.videos(new VideoQuery(VideoQuery.Sort.TRENDING, false, 0, 10), Optional.empty())))
                .containsExactlyInAnyOrder("One", "Two", "Three");

        VideoSummary three = first.videos().get(0);
        assertThat(three.channel().name()).isEqualTo("bob_channel");
        assertThat(three.channel().handle()).isEqualTo("bob_channel");
        assertThat(three.account().name()).isEqualTo("bob");
        assertThat(three.duration()).isEqualTo(61);
        assertThat(three.shortUuid()).isEqualTo(ShortUuid.encode(UUID.fromString(three.uuid())));

        assertThat(reader.channelVideos("alice_channel", new VideoQuery(VideoQuery.Sort.RECENT, false, 0, 10),
                Optional.empty()).map(CatalogReaderTest::names)).contains(List.of("One"));
        assertThat(reader.accountVideos("bob", new VideoQuery(VideoQuery.Sort.MOST_VIEWED, false, 0, 10),
                Optional.empty()).map(CatalogReaderTest::names).orElseThrow()).containsExactlyInAnyOrder("Two",
                        "Three");
        assertThat(reader.channelVideos("nobody", new VideoQuery(VideoQuery.Sort.RECENT, false, 0, 10),
                Optional.empty())).isEmpty();

        // Sensitive videos follow the NSFW policy: the instance's (do not list) for visitors, the user's otherwise.
        upload(BOB, Map.of("name", "Sensitive", "privacy", 1, "nsfw", true));
        VideoQuery all = new VideoQuery(VideoQuery.Sort.RECENT, false, 0, 10);
        videos.responses().forgetAll();
        assertThat(names(reader.videos(all, Optional.empty()))).doesNotContain("Sensitive");
        assertThat(names(reader.videos(all, Optional.of(new ApiUser(2, "bob", ApiUser.USER,
                ApiUser.NSFW_DISPLAY))))).contains("Sensitive");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void visitorsShareAnswersThatChangesForget(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo one = upload(ALICE, Map.of("name", "One", "privacy", 1));
        VideoQuery query = new VideoQuery(VideoQuery.Sort.RECENT, false, 0, 10);
        VideoPage first = reader.videos(query, Optional.empty());
        assertThat(reader.videos(query, Optional.empty())).isSameAs(first);
        assertThat(reader.videos(query, Optional.of(BOB))).isNotSameAs(first);
        VideoDetails details = reader.video(one.shortUuid(), Optional.empty()).orElseThrow();
        assertThat(reader.video(one.shortUuid(), Optional.empty()).orElseThrow()).isSameAs(details);
        assertThat(details.published()).isTrue();

        videos.responses().forget(one.id());
        assertThat(reader.videos(query, Optional.empty())).isNotSameAs(first).isEqualTo(first);
        assertThat(reader.video(one.shortUuid(), Optional.empty()).orElseThrow()).isNotSameAs(details);

        Videos.CreatedVideo hidden = upload(ALICE, Map.of("name", "Mine", "privacy", 3));
        assertThat(reader.video(hidden.shortUuid(), Optional.of(ALICE))).isPresent();
        assertThat(reader.video(hidden.shortUuid(), Optional.empty())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void detailsCarryFilesTagsAndASafeDescription(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo created = upload(ALICE, Map.of("name", "Birds", "privacy", 1, "tags",
                List.of("owl", "hawk"), "category", 16, "description",
                "**Hawks** <script>alert(1)</script> [x](javascript:alert(1)) [site](https://example.org)"));
        VideoDetails byShort = reader.video(created.shortUuid(), Optional.empty()).orElseThrow();
        assertThat(reader.video(created.uuid().toString(), Optional.empty())).contains(byShort);
        assertThat(reader.video(String.valueOf(created.id()), Optional.empty())).contains(byShort);
        assertThat(byShort.summary().name()).isEqualTo("Birds");
        assertThat(byShort.tags()).containsExactly("hawk", "owl");
        assertThat(byShort.category()).isEqualTo("Animals");
        assertThat(byShort.descriptionHtml()).contains("<strong>Hawks</strong>").contains("&lt;script&gt;")
                .doesNotContain("<script").doesNotContain("javascript:")
                .contains("<a href=\"https://example.org\" rel=\"noopener noreferrer nofollow\">site</a>");
        assertThat(byShort.files()).hasSize(1);
        assertThat(byShort.files().get(0).resolution()).isEqualTo(720);
        assertThat(byShort.files().get(0).fileUrl()).startsWith("https://videos.example.org/static/web-videos/")
                .endsWith("-720.mp4");
        assertThat(byShort.files().get(0).label()).isEqualTo("720p");
        assertThat(byShort.commentsEnabled()).isTrue();

        Videos.CreatedVideo hidden = upload(ALICE, Map.of("name", "Mine", "privacy", 3));
        assertThat(reader.video(hidden.shortUuid(), Optional.empty())).isEmpty();
        assertThat(reader.video(hidden.shortUuid(), Optional.of(BOB))).isEmpty();
        assertThat(reader.video(hidden.shortUuid(), Optional.of(ALICE))).isPresent();
        assertThat(reader.video("not a video", Optional.empty())).isEmpty();
        assertThat(reader.video("999999", Optional.empty())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Backend.class)
    void commentsChannelsAndAccounts(TestDatabase.Backend backend) throws Exception {
        open(backend);
        Videos.CreatedVideo video = upload(ALICE, Map.of("name", "Birds", "privacy", 1));
        Object first = CatalogTest.<Map<String, Object>>at(comments.createThread(FakeRequest.post(
                Map.of("text", "Nice <b>owls</b>")).path("id", video.uuid().toString()).as(BOB)), "comment").get("id");
        comments.reply(FakeRequest.post(Map.of("text", "Thanks")).path("id", video.uuid().toString())
                .path("commentId", String.valueOf(first)).as(ALICE));
        comments.createThread(FakeRequest.post(Map.of("text", "Second")).path("id", video.uuid().toString()).as(ALICE));

        List<Comment> list = reader.comments(video.id(), 0, 10);
        assertThat(list).hasSize(2);
        assertThat(list.get(0).html()).contains("Second");
        assertThat(list.get(1).html()).contains("Nice &lt;b&gt;owls&lt;/b&gt;");
        assertThat(list.get(1).replies()).isEqualTo(1);
        assertThat(list.get(1).author().name()).isEqualTo("bob");
        assertThat(reader.comments(video.id(), 1, 1)).hasSize(1);
        assertThat(reader.comments(424242, 0, 10)).isEmpty();
        assertThatThrownBy(() -> reader.comments(video.id(), 0, 0)).isInstanceOf(IllegalArgumentException.class);

        assertThat(reader.channel("alice_channel").orElseThrow().owner().name()).isEqualTo("alice");
        assertThat(reader.account("bob").orElseThrow().actor().displayName()).isEqualTo("bob");
        assertThat(reader.account("nobody")).isEmpty();
        assertThat(reader.channel("nobody@elsewhere.example")).isEmpty();
    }

    @Test
    void queriesRefuseBadPages() {
        assertThatThrownBy(() -> new VideoQuery(VideoQuery.Sort.RECENT, false, -1, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start");
        assertThatThrownBy(() -> new VideoQuery(VideoQuery.Sort.RECENT, false, 0, 101))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
        assertThatThrownBy(() -> new VideoQuery(null, false, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
