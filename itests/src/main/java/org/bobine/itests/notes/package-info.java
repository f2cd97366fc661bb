/** Entities that the integration tests contribute to the persistence unit. */
package org.bobine.itests.notes;
