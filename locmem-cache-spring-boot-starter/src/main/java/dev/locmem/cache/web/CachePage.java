package dev.locmem.cache.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the whole response of a handler in a cache alias: Django's {@code @cache_page}. On a handler method it applies
 * to that method; on a controller class, to every handler of the class that answers GET or HEAD (a method's own
 * {@code @CachePage} or {@link NeverCache} takes precedence over the class's).
 *
 * <p>Only GET responses are stored and only GET and HEAD requests are answered from the cache; what is stored, under
 * which key and for how long follows the rules of {@link PageCache}. The alias must be one of {@code app.caches}: an
 * unknown alias fails start-up.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface CachePage {

    /**
     * How long a response lives in the cache, in seconds, unless the response's own {@code Cache-Control}
     * ({@code s-maxage}, then {@code max-age}) says otherwise; zero or negative stores nothing.
     * @return the timeout in seconds
     */
    long timeout();

    /**
     * The alias of {@code app.caches} whose backend holds the responses.
     * @return the cache alias
     */
    String cache() default "default";

    /**
     * A prefix of the page keys, which keeps the pages of handlers that share an alias apart (Django's
     * {@code key_prefix}).
     * @return the key prefix
     */
    String keyPrefix() default "";
}
