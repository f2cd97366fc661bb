/**
 * Where the instance keeps its files: avatars and banners now, thumbnails, captions and videos later.
 *
 * <p>A {@link org.bobine.storage.api.FileStore} holds files in named <em>areas</em> ({@code avatars}...), each file
 * under a logical <em>key</em> chosen by its writer, usually a random name that is never reused (which lets the
 * web serve it with an immutable cache policy). The store says nothing of where the bytes live: the instance's data
 * directory today, an S3 bucket later, behind the same interface.
 *
 * <p>Areas are lower-case letters, digits and dashes. Keys are one or more segments separated by {@code /}, each
 * made of letters, digits, dots, dashes and underscores, not starting with a dot; anything else is refused with an
 * {@link java.lang.IllegalArgumentException}, so that a key taken from a URL cannot leave its area.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.bobine.storage.api;
