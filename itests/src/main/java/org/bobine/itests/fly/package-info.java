/** The theme class that tests copy into bundles built on the fly. */
package org.bobine.itests.fly;
