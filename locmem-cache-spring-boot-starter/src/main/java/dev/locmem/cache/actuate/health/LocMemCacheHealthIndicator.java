package dev.locmem.cache.actuate.health;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import dev.locmem.cache.CacheAvailability;
import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.Caches;
import dev.locmem.cache.spring.CacheBackendCache;

/**
 * The health of locmem-cache's caches whose store lives outside the process (a Redis server): {@link Status#UP} when
 * every one answers, {@link #DEGRADED} when one does not, with each cache's state in the details.
 *
 * <p><b>Why not {@code DOWN}.</b> While a cache's server is down, the application still answers every request:
 * {@code @Cacheable} methods fail open and run. Reporting {@code DOWN} would turn {@code /actuator/health} into a 503
 * and make a load balancer take every instance out of service at once, an application outage made of a cache outage.
 * {@code DEGRADED} is a status of its own, which Spring Boot's default status order does not contain, so it leaves
 * the application's aggregate status alone while the component shows what is wrong. An application whose cache is
 * essential can put it in the order and map it to a status code:
 * {@code management.endpoint.health.status.order=down,degraded,out-of-service,up,unknown} and
 * {@code management.endpoint.health.status.http-mapping.degraded=503}.
 *
 * <p><b>Cost.</b> Each check asks each such cache {@link CacheAvailability#checkAvailable()}: one {@code PING} while
 * the cache is in service, nothing while it is known to be down (its background probe does the asking then). A
 * failure is reported in the details, never logged: a health check every few seconds must not fill the log with
 * stack traces.
 *
 * <p><b>A backend's own details.</b> Beside {@code status} (and {@code error}), each cache shows what its backend
 * reports in {@link CacheAvailability#details()}, such as a near cache's {@code nearCache.tracking}. They do not
 * change the status. A near cache that does not track (its invalidation connection is down) serves no copy from
 * memory and reads every value from Redis until tracking is back: every answer is still Redis's own, so the cache
 * works as a plain Redis cache, slower and at Redis's cost, and stays {@code UP}; {@code nearCache.tracking=DOWN}
 * with its reason says why the copy is not used. Only Redis itself being out of reach, when calls fail open, makes
 * the cache {@link #DEGRADED}. An alert on the lost copy belongs on the {@code cache.near.tracking} gauge.
 *
 * <p>Local-memory caches are always available, and are not listed.
 */
public class LocMemCacheHealthIndicator implements HealthIndicator {

    /** The status of a cache whose store cannot be reached while the application serves without it. */
    public static final Status DEGRADED = new Status("DEGRADED",
            "A cache's store cannot be reached; the application serves without it");

    private final Caches caches;

    private final CacheManager cacheManager;

    /**
     * Creates the indicator.
     * @param caches the aliases, whose backends the low-level API uses
     * @param cacheManager the cache manager whose {@link CacheBackendCache}s {@code @Cacheable} uses (cache names
     *     without an alias have backends of their own), or {@code null}
     */
    public LocMemCacheHealthIndicator(Caches caches, CacheManager cacheManager) {
        this.caches = Objects.requireNonNull(caches, "caches");
        this.cacheManager = cacheManager;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean allAvailable = true;
        for (Map.Entry<String, CacheAvailability> entry : remoteBackends().entrySet()) {
            Map<String, Object> state = new LinkedHashMap<>();
            try {
                entry.getValue().checkAvailable();
                state.put("status", Status.UP.getCode());
            }
            catch (CacheUnavailableException ex) {
                allAvailable = false;
                state.put("status", Status.DOWN.getCode());
                state.put("error", ex.getMessage());
            }
            addDetails(entry.getValue(), state);
            details.put(entry.getKey(), state);
        }
        Health.Builder health = allAvailable ? Health.up() : Health.status(DEGRADED);
        return details.isEmpty() ? health.build() : health.withDetail("caches", details).build();
    }

    /**
     * Adds what the backend reports of itself (a near cache's tracking state) after its status, which the details do
     * not change: a backend whose details fail is shown with the failure rather than failing the whole check.
     */
    private static void addDetails(CacheAvailability backend, Map<String, Object> state) {
        try {
            backend.details().forEach(state::putIfAbsent);
        }
        catch (RuntimeException ex) {
            state.putIfAbsent("detailsError", String.valueOf(ex));
        }
    }

    /** Each backend that can be unreachable once, under the first name it is known by: its alias, or cache name. */
    private Map<String, CacheAvailability> remoteBackends() {
        Map<CacheBackend, String> names = new IdentityHashMap<>();
        for (String alias : this.caches.aliases()) {
            names.putIfAbsent(this.caches.get(alias), alias);
        }
        if (this.cacheManager != null) {
            for (String name : this.cacheManager.getCacheNames()) {
                Cache cache = this.cacheManager.getCache(name);
                if (cache instanceof CacheBackendCache backendCache) {
                    names.putIfAbsent(backendCache.getNativeCache(), name);
                }
            }
        }
        Map<String, CacheAvailability> remote = new TreeMap<>();
        names.forEach((backend, name) -> {
            if (backend instanceof CacheAvailability availability) {
                remote.put(name, availability);
            }
        });
        return remote;
    }
}
