/**
 * A read-only view of the catalog for the instance's own pages and for plugins: lists of videos with their sorts
 * and paging, one video's details with its files and links, a video's comments, and the public data of channels
 * and accounts.
 *
 * <p>Everything here is an immutable record built from one consistent read of the database; nothing refers to
 * the catalog's entities, so holding a record never keeps a transaction or a class loader alive. What a viewer
 * may see follows the same rules as the REST API: anonymous viewers see public, published videos; logged-in
 * users see internal ones too; private and password-protected videos are for their owner and moderators.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.bobine.catalog.api;
