/**
 * What the users bundle offers to the rest of the instance.
 *
 * <ul>
 * <li>{@link org.bobine.auth.api.UserLifecycle}: services told, inside the same database transaction, that a
 * local user was created or is being deleted, so that what belongs to the user elsewhere (the account and its
 * default channel) is created or removed with it, or not at all;</li>
 * <li>{@link org.bobine.auth.api.UserViewContributor}: services that add fields to the {@code User} documents
 * of the API ({@code account}, {@code videoChannels}, ...), owned by other bundles;</li>
 * <li>{@link org.bobine.auth.api.UserDirectory}: the local users, page by page, for bundles that catch up at
 * start;</li>
 * <li>{@link org.bobine.auth.api.VideoQuota}: whether a user may store more video now, and how much they
 * use, computed from the {@link org.bobine.auth.api.VideoSpaceUsage} that the bundles storing videos
 * report;</li>
 * <li>{@link org.bobine.auth.api.PasswordLogin}: sessions opened with a name and a password under the token
 * endpoint's rules, for the instance's own pages (since 1.1.0).</li>
 * </ul>
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.bobine.auth.api;
