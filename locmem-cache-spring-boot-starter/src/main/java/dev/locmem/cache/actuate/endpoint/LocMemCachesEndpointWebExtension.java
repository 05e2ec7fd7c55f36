package dev.locmem.cache.actuate.endpoint;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpoint;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpointWebExtension;

import dev.locmem.cache.CacheUnavailableException;

/**
 * Spring Boot's web extension of the {@code caches} endpoint, answering {@code 503 Service Unavailable} to
 * {@code DELETE /actuator/caches/{name}} when the cache's backend cannot be reached (see
 * {@link LocMemCachesEndpoint}), rather than letting the exception become a 500 with a stack trace in the server's
 * log; the cache adapter has already logged the outage, once.
 *
 * <p>{@code DELETE /actuator/caches}, which clears every cache, is the endpoint's own operation (a web extension
 * cannot take it over, as it answers no body): it answers 500 in that case.
 */
@EndpointWebExtension(endpoint = CachesEndpoint.class)
public class LocMemCachesEndpointWebExtension extends CachesEndpointWebExtension {

    /**
     * Creates the extension.
     * @param delegate the endpoint
     */
    public LocMemCachesEndpointWebExtension(CachesEndpoint delegate) {
        super(delegate);
    }

    /**
     * Clears one cache: 204 when it was cleared, 404 when there is no such cache, 400 when several cache managers
     * have one of that name, 503 when its backend cannot be reached.
     * @param cache the cache's name
     * @param cacheManager the cache manager's bean name, needed only when several have a cache of that name
     * @return the response
     */
    @Override
    @DeleteOperation
    public WebEndpointResponse<Void> clearCache(@Selector String cache, @Nullable String cacheManager) {
        try {
            return super.clearCache(cache, cacheManager);
        }
        catch (CacheUnavailableException ex) {
            return new WebEndpointResponse<>(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
        }
    }
}
