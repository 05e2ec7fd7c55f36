package dev.locmem.cache.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Adds {@code Cookie} to the response's {@code Vary}: Django's {@code @vary_on_cookie}. The page cache then keeps one
 * entry per value of the request's {@code Cookie} header, so a page that depends on a cookie (a session, say) is
 * served only to requests with the same cookies.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface VaryOnCookie {
}
