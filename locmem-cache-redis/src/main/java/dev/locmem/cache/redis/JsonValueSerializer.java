package dev.locmem.cache.redis;

import org.springframework.data.redis.serializer.GenericJacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The serializer behind option {@code serializer: json}: Spring Data Redis's Jackson 3 serializer with type
 * information, so that a value reads back as the class it was stored as ({@code {"@class":"com.example.Order",...}}).
 * Kept apart so that Jackson, an optional dependency, is loaded only when this option is used.
 *
 * <p>Trust: type information names the class to create, so, as with JDK serialization (and Django's pickle), anyone
 * who can write to the Redis server can make this application instantiate classes of its classpath. Keep Redis
 * reachable only by the application.
 */
final class JsonValueSerializer {

    private static final String JSON_MAPPER = "tools.jackson.databind.json.JsonMapper";

    private JsonValueSerializer() {
    }

    /**
     * Creates the serializer.
     * @throws IllegalArgumentException when Jackson 3 is not on the classpath
     */
    static RedisSerializer<Object> create() {
        try {
            Class.forName(JSON_MAPPER, false, JsonValueSerializer.class.getClassLoader());
        }
        catch (ClassNotFoundException | LinkageError ex) {
            throw new IllegalArgumentException("Option serializer=json needs Jackson 3 "
                    + "(tools.jackson.core:jackson-databind) on the classpath; it is not there", ex);
        }
        return GenericJacksonJsonRedisSerializer.builder().enableUnsafeDefaultTyping().build();
    }
}
