/** The hook handler that tests copy into plugin bundles built on the fly. */
package org.bobine.itests.hooks;
