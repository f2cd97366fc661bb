package org.bobine.api.hook;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs the hooks that plugins register; the service through which Bobine's core, and plugins that offer hook
 * points of their own, call {@link FilterHook filters} and {@link ActionHook actions}.
 *
 * <p>Every method takes a snapshot of the handlers registered for the hook when it starts and uses only those;
 * with no handler it returns at once, so hook points cost nothing on an instance without plugins. No method
 * throws because of a handler.
 *
 * <p>Values and parameters must be JSON-like (see the {@linkplain org.bobine.api.hook package}): maps and lists
 * are copied for each handler, so the caller's objects are never changed.
 */
@ProviderType
public interface Hooks {

    /**
     * Whether any handler is registered for a hook now; lets a hook point skip building its value when nobody
     * listens.
     *
     * @param hook a hook name
     * @return {@code true} when at least one filter or action is registered for it
     */
    boolean has(String hook);

    /**
     * Runs the filters of a hook, from the highest priority to the lowest, each on the previous one's result. A
     * filter that throws, answers a value of another shape or does not answer within the bound is logged and
     * skipped.
     *
     * @param <T> the value's type
     * @param hook a filter hook name, such as {@link HookNames#VIDEOS_LIST_RESULT}
     * @param value the value before filtering, JSON-like or an {@link AcceptResult}; not {@code null}
     * @param params what the filters are told, JSON-like; read-only for them
     * @return the filtered value: {@code value} itself when no filter changed it
     */
    <T> T filter(String hook, T value, Map<String, ?> params);

    /**
     * Runs the filters of an accept hook ({@code filter:*.accept.result}, {@code filter:*.allowed.result}),
     * starting from {@link AcceptResult#accept()}.
     *
     * @param hook an accept hook name, such as {@link HookNames#VIDEO_UPLOAD_ACCEPT_RESULT}
     * @param params what the filters are told, JSON-like
     * @return the decision of the last filter that answered
     */
    AcceptResult accept(String hook, Map<String, ?> params);

    /**
     * Queues the actions of a hook and returns at once; they run in the background. When the queue is full the
     * actions are dropped and a line is logged.
     *
     * @param hook an action hook name, such as {@code action:api.video.uploaded}
     * @param params what happened, JSON-like
     */
    void action(String hook, Map<String, ?> params);
}
