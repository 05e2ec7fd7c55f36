/**
 * The page cache: whole responses of Spring MVC handlers served from a cache alias without running the handler, as
 * Django's {@code cache_page} and cache middleware serve views. {@link dev.locmem.cache.web.CachePage},
 * {@link dev.locmem.cache.web.NeverCache}, {@link dev.locmem.cache.web.VaryOnHeaders} and
 * {@link dev.locmem.cache.web.VaryOnCookie} are Django's decorators; {@link dev.locmem.cache.web.PageCacheInterceptor}
 * decides and serves after every filter, {@link dev.locmem.cache.web.PageCacheFilter} captures and stores, and
 * {@link dev.locmem.cache.web.PageCache} holds the rules of what is stored, under which key
 * ({@link dev.locmem.cache.web.PageCacheKeys}), for how long.
 */
package dev.locmem.cache.web;
