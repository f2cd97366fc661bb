/**
 * What the theme bundle tells the instance's pages: which style sheets of the registered themes a page loads.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.bobine.theme.api;
