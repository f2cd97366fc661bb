/**
 * Server hooks: the extension point through which a plugin reads and changes what Bobine does at PeerTube's hook
 * points, under PeerTube's hook names.
 *
 * <p>A plugin registers a {@link org.bobine.api.hook.FilterHook} service to change a value on its way (the
 * parameters of a list, the list it returns, whether an upload is accepted), or an
 * {@link org.bobine.api.hook.ActionHook} service to be told that something happened (a video was uploaded, a user
 * was created). The service property {@link org.bobine.api.hook.FilterHook#NAME} names the hooks it handles, and
 * {@link org.bobine.api.hook.FilterHook#PRIORITY} is PeerTube's {@code priority}: handlers of one hook run from the highest ranking to the
 * lowest, by registration order when equal. The property types {@link org.bobine.api.hook.FilterHookService} and
 * {@link org.bobine.api.hook.ActionHookService} set both.
 *
 * <p>The values that cross a hook are JSON-like: {@code Map<String, Object>} with string keys, {@code List},
 * {@code String}, {@code Boolean}, numbers and {@code null}, shaped as the JSON of PeerTube's REST API, or the
 * small records of this package ({@link org.bobine.api.hook.AcceptResult}). No internal object of Bobine crosses
 * a hook, so a plugin compiles against this package alone.
 *
 * <p>Bobine isolates handlers: a filter that throws, answers a value of the wrong shape or does not answer within
 * a bound (two seconds) is logged with its bundle's symbolic name and skipped, the previous value being kept; an
 * action runs on a bounded background queue and never holds up a request. Handlers come and go with their
 * bundles while Bobine serves requests; a call uses the handlers registered when it starts.
 *
 * <p>Bobine's core calls hooks through the {@link org.bobine.api.hook.Hooks} service; {@link
 * org.bobine.api.hook.HookNames} lists the hooks it runs and the shape of what each receives.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.bobine.api.hook;
