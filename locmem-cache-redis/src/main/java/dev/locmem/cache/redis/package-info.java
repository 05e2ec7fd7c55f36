/**
 * Backend {@code redis}: Django's cache API over a Redis server, through Spring Data Redis and Lettuce.
 * {@link dev.locmem.cache.redis.RedisCache} is the backend, {@link dev.locmem.cache.redis.RedisCacheProvider} makes it
 * available by name; the rest (value formats, scripts, keyspace of {@code clear()}, fault translation, locations) is
 * package-private machinery, each part documented where it lives.
 */
package dev.locmem.cache.redis;
