package dev.locmem.cache.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds request headers to the response's {@code Vary}: Django's {@code @vary_on_headers}. The page cache then keeps one
 * entry per combination of these headers' values. The headers of a class and of its method add up.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VaryOnHeaders {

    /**
     * The names of the request headers the response varies on.
     * @return header names, in any case
     */
    String[] value();
}
