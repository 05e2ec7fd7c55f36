package dev.locmem.cache.web;

import java.util.List;
import java.util.Objects;

/**
 * What the page cache does with the responses of one handler: cache them in an alias (from {@link CachePage} or the
 * site-wide cache middleware), never cache them ({@link NeverCache}), or only name request headers in their
 * {@code Vary} ({@link VaryOnHeaders}, {@link VaryOnCookie} alone).
 *
 * @param kind what is done
 * @param alias the cache alias, for {@link Kind#CACHE}
 * @param keyPrefix the prefix of the page keys, for {@link Kind#CACHE}
 * @param timeoutSeconds the entries' timeout unless the response sets one, for {@link Kind#CACHE}
 * @param varyHeaders request headers that the response varies on, whatever its own {@code Vary} says
 * @param source what the policy comes from (a handler method, the middleware), for messages
 */
public record PagePolicy(Kind kind, String alias, String keyPrefix, long timeoutSeconds, List<String> varyHeaders,
        String source) {

    /** What the page cache does with a handler's responses. */
    public enum Kind {

        /** Answer from and store in the alias. */
        CACHE,

        /** Add never-cache headers and never store. */
        NEVER,

        /** Only add the vary headers. */
        VARY_ONLY
    }

    /**
     * Checks the components.
     * @param kind what is done
     * @param alias the cache alias
     * @param keyPrefix the key prefix
     * @param timeoutSeconds the timeout in seconds
     * @param varyHeaders the vary headers
     * @param source what the policy comes from
     */
    public PagePolicy {
        Objects.requireNonNull(kind, "kind");
        keyPrefix = (keyPrefix != null) ? keyPrefix : "";
        varyHeaders = List.copyOf(varyHeaders);
    }

    /**
     * A policy that caches.
     * @param alias the cache alias
     * @param keyPrefix the key prefix
     * @param timeoutSeconds the timeout in seconds
     * @param varyHeaders the vary headers
     * @param source what the policy comes from
     * @return the policy
     */
    public static PagePolicy cache(String alias, String keyPrefix, long timeoutSeconds, List<String> varyHeaders,
            String source) {
        return new PagePolicy(Kind.CACHE, Objects.requireNonNull(alias, "alias"), keyPrefix, timeoutSeconds,
                varyHeaders, source);
    }

    /**
     * Returns this policy with more vary headers.
     * @param more the headers to add
     * @return the policy
     */
    public PagePolicy varyingAlsoOn(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> all = new java.util.ArrayList<>(this.varyHeaders);
        all.addAll(more);
        return new PagePolicy(this.kind, this.alias, this.keyPrefix, this.timeoutSeconds, all, this.source);
    }
}
