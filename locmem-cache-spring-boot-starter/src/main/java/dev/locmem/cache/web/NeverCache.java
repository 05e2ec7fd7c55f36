package dev.locmem.cache.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler's responses as never to be cached, by the page cache or anyone else: Django's
 * {@code @never_cache}. The response gets {@code Cache-Control: max-age=0, no-cache, no-store, must-revalidate,
 * private} and an {@code Expires} in the past, and the page cache never stores it, whether {@link CachePage} or the
 * site-wide cache middleware would have. On a controller class it applies to all its handlers.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface NeverCache {
}
