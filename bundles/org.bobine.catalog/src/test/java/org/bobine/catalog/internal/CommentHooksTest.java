package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bobine.catalog.internal.CatalogTest.ALICE;
import static org.bobine.catalog.internal.CatalogTest.BOB;
import static org.bobine.catalog.internal.CatalogTest.status;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bobine.api.hook.AcceptResult;
import org.bobine.api.hook.HookNames;
import org.bobine.web.api.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comments' hook points: plugins refuse new threads and replies (403 with their message, nothing kept), and
 * are told of comments created and deleted, once kept, as the comments' JSON.
 */
class CommentHooksTest {

    @TempDir
    Path dataDir;

    /** The comments' fixture: a database, Alice's public video "Birds", helpers that call the routes. */
    final VideoCommentTest base = new VideoCommentTest();
    final RecordingHooks hooks = new RecordingHooks();
    String video;

    @BeforeEach
    void start() throws Exception {
        base.dataDir = dataDir;
        base.open(TestDatabase.Backend.H2);
        base.routes.hooks = hooks;
        video = base.video;
    }

    @AfterEach
    void close() {
        base.close();
    }

    @Test
    void aThreadRefusedByAPluginAnswers403AndKeepsNothing() {
        hooks.filters.put(HookNames.VIDEO_THREAD_CREATE_ACCEPT_RESULT, (result, params) -> {
            Map<?, ?> body = (Map<?, ?>) params.get("commentBody");
            Map<?, ?> video = (Map<?, ?>) params.get("video");
            Map<?, ?> user = (Map<?, ?>) params.get("user");
            return String.valueOf(body.get("text")).contains("spam")
                    ? AcceptResult.reject("No spam on " + video.get("name") + " from " + user.get("username"))
                    : result;
        });
        ApiException refused = refusal(() -> base.thread(BOB, video, "Buy spam"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.getMessage()).contains("No spam on Birds from bob");
        assertThat(base.texts(base.threads(ALICE))).isEmpty();
        assertThat(hooks.actions).isEmpty();

        base.thread(BOB, video, "Lovely birds");
        assertThat(base.texts(base.threads(ALICE))).containsExactly("Lovely birds");
    }

    @Test
    void aReplyRefusedByAPluginAnswers403AndKeepsNothing() {
        Object root = base.thread(ALICE, video, "First").get("id");
        hooks.filters.put(HookNames.VIDEO_COMMENT_REPLY_CREATE_ACCEPT_RESULT, (result, params) -> {
            Map<?, ?> parent = (Map<?, ?>) params.get("parentComment");
            return AcceptResult.reject("No replies to " + parent.get("text"));
        });
        assertThat(status(() -> base.thread(BOB, video, "A thread is not a reply"))).isEqualTo(200);
        ApiException refused = refusal(() -> base.reply(BOB, root, "Me too"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.getMessage()).contains("No replies to First");
        assertThat((List<?>) base.tree(ALICE, root).get("children")).isEmpty();
    }

    @Test
    void pluginsAreToldOfCommentsCreatedAndDeleted() {
        Map<String, Object> root = base.thread(ALICE, video, "First");
        Map<String, Object> answer = base.reply(BOB, root.get("id"), "Second");
        assertThat(base.remove(BOB, answer.get("id"))).isEqualTo(204);

        assertThat(hooks.actions(HookNames.VIDEO_THREAD_CREATED)).containsExactly(Map.of("comment", root));
        assertThat(hooks.actions(HookNames.VIDEO_COMMENT_REPLY_CREATED)).containsExactly(Map.of("comment", answer));
        assertThat(hooks.actions(HookNames.VIDEO_COMMENT_DELETED)).singleElement()
                .satisfies(params -> {
                    Map<?, ?> comment = (Map<?, ?>) params.get("comment");
                    assertThat(comment.get("id")).isEqualTo(answer.get("id"));
                    assertThat(comment.get("text")).isEqualTo("Second");
                });
        assertThat(hooks.actions).hasSize(3);
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("Not refused");
    }
}
