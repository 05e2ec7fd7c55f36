/**
 * Auto-configuration of the page cache for Spring MVC: {@link dev.locmem.cache.autoconfigure.web.PageCacheAutoConfiguration}
 * and the site-wide cache middleware's properties, {@link dev.locmem.cache.autoconfigure.web.CacheMiddlewareProperties}.
 */
package dev.locmem.cache.autoconfigure.web;
