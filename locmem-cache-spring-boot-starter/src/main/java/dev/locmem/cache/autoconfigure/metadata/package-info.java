/**
 * The build's description of {@code app.caches} for the IDE, apart from the auto-configuration:
 * {@link dev.locmem.cache.autoconfigure.metadata.BackendOptionsMetadata} adds what the backends declare to what the
 * configuration processor wrote from {@code LocMemCacheProperties}' Javadoc. Nothing here runs in an application.
 */
package dev.locmem.cache.autoconfigure.metadata;
