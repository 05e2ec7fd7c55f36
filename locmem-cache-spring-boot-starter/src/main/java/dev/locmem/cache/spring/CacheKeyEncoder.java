package dev.locmem.cache.spring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.springframework.cache.interceptor.SimpleKey;

/**
 * Turns the key of a Spring cache call (any object) into the {@code String} key of a
 * {@link dev.locmem.cache.CacheBackend}, so that two keys share an entry only when they are {@code equals()}.
 *
 * <p><b>The encoding is injective.</b> It is what makes {@code 1L}, {@code 1} and {@code "1"} three different
 * entries, whatever the alias's key prefix, version or key function (as long as the key function itself keeps
 * different keys apart, as {@link dev.locmem.cache.KeyFunction} requires):
 * <ul>
 * <li>A {@code String} is its own key, so {@code @Cacheable} entries with string keys are the very entries the
 * low-level API sees under that key ({@code caches.get("books").get("isbn-1")}). The one exception is a string that
 * starts with the marker {@value #MARKER}: it is escaped as {@code §s:} followed by the string.</li>
 * <li>Every other key starts with the marker, then a tag naming its type, then {@code ':'}, then its value:
 * {@code §L:1} for {@code 1L}, {@code §I:1} for {@code 1}, {@code §D:1.0} for {@code 1.0d},
 * {@code §E:com.x.Color#RED} for an enum constant. Boxed numbers, {@code BigInteger}, {@code BigDecimal} (whose
 * scale {@code equals()} counts, and so does its {@code toString()}), {@code Boolean}, {@code Character},
 * {@code UUID} and enums are written as text, which is unambiguous because each type's text form is one-to-one with
 * its {@code equals()}.</li>
 * <li>A record is {@code §R:} followed by its class name and its components, each encoded the same way and framed by
 * its length ({@code §R:com.x.Edition(3:abc4:§L:7)} for {@code new Edition("abc", 7L)}), so that no two different
 * component lists give the same text. This follows the {@code equals()} that records have unless they override
 * it.</li>
 * <li>Spring's {@code SimpleKey}, the key of methods of several parameters, is {@code §K:} followed by its
 * parameters, framed the same way; arrays among them are written by content, as {@code SimpleKey}'s
 * {@code equals()} compares them ({@code §K:(1:a4:§L:7)} for {@code ("a", 7L)}). Its parameters are read by
 * reflection; where a module system forbids that, a {@code SimpleKey} is written as any other serializable key.</li>
 * <li>Any other {@link Serializable} key is
 * {@code §J:} followed by the Base64 of its Java serialization. For a value class (a {@code LocalDate}, a list of
 * strings) the serialized form is the state its {@code equals()} compares, so two different keys never give the same
 * bytes; two equal keys almost always do (a hash-ordered collection inside a key may serialize in another order,
 * which costs a miss, never a wrong hit). Such keys can be long: the backend may warn that memcached would refuse
 * them, which does not matter to this cache.</li>
 * <li>An array outside a {@code SimpleKey} is refused: it equals only itself, so no encoding could follow its
 * {@code equals()}.</li>
 * <li>A key that is none of these cannot be encoded safely: {@link #encode} refuses it with an
 * {@link IllegalArgumentException} that says what to do, rather than fall back on {@code toString()}, which would
 * let different keys share an entry.</li>
 * </ul>
 * The marker and the tags can never start a plain string's encoding, and every tag's value is either the rest of
 * the text or framed by its length, so decoding would be unambiguous: that is what injective means here.
 */
public final class CacheKeyEncoder {

    /** The first character of every key that is not a plain string. */
    public static final String MARKER = "§";

    private static final char MARK = '§';

    /** Tags of the types written as text; the text form of each is one-to-one with its {@code equals()}. */
    private static final Map<Class<?>, String> TEXT_TAGS = Map.ofEntries(Map.entry(Long.class, "L"),
            Map.entry(Integer.class, "I"), Map.entry(Short.class, "S"), Map.entry(Byte.class, "Y"),
            Map.entry(Double.class, "D"), Map.entry(Float.class, "F"), Map.entry(BigInteger.class, "B"),
            Map.entry(BigDecimal.class, "N"), Map.entry(Boolean.class, "Z"), Map.entry(Character.class, "C"),
            Map.entry(UUID.class, "U"));

    private static final Field SIMPLE_KEY_PARAMS = simpleKeyParams();

    private CacheKeyEncoder() {
    }

    /**
     * Encodes a key.
     * @param key the key of a Spring cache call, never {@code null}
     * @return the backend key
     * @throws IllegalArgumentException when the key is {@code null} or of a type that cannot be encoded safely
     */
    public static String encode(Object key) {
        if (key == null) {
            throw new IllegalArgumentException("A cache key must not be null");
        }
        if (key instanceof String text) {
            return (text.isEmpty() || text.charAt(0) != MARK) ? text : MARKER + "s:" + text;
        }
        return encodeTagged(key);
    }

    private static String encodeTagged(Object key) {
        String tag = TEXT_TAGS.get(key.getClass());
        if (tag != null) {
            return MARKER + tag + ":" + key;
        }
        if (key instanceof Enum<?> constant) {
            // Class names never contain '#', so the split between class and constant is unambiguous.
            return MARKER + "E:" + constant.getDeclaringClass().getName() + "#" + constant.name();
        }
        if (key.getClass().isRecord()) {
            return encodeRecord((Record) key);
        }
        if (key instanceof SimpleKey simpleKey && SIMPLE_KEY_PARAMS != null) {
            return encodeSimpleKey(simpleKey);
        }
        if (key.getClass().isArray()) {
            // An array equals only itself, so no encoding of its content could follow its equals().
            throw new IllegalArgumentException("Cannot use an array (" + key.getClass().getTypeName() + ") as a cache "
                    + "key: arrays are equal only to themselves. Use a SimpleKey or a List of its elements instead.");
        }
        if (key instanceof Serializable) {
            return MARKER + "J:" + Base64.getEncoder().encodeToString(serialize(key));
        }
        throw new IllegalArgumentException("Cannot use a " + key.getClass().getName() + " as a cache key: it is not "
                + "a String, a boxed primitive, a BigInteger, a BigDecimal, a UUID, an enum, a record or Serializable, "
                + "so keys that are not equal could not be kept apart. Make the key class Serializable or a record, or "
                + "give the cache annotation a key expression that makes one.");
    }

    private static String encodeRecord(Record key) {
        StringBuilder encoded = new StringBuilder(MARKER).append("R:").append(key.getClass().getName()).append('(');
        for (RecordComponent component : key.getClass().getRecordComponents()) {
            Object value;
            try {
                component.getAccessor().setAccessible(true);
                value = component.getAccessor().invoke(key);
            }
            catch (ReflectiveOperationException | RuntimeException ex) {
                throw new IllegalArgumentException("Cannot read component '" + component.getName()
                        + "' of the cache key " + key.getClass().getName() + ": " + ex, ex);
            }
            // A null component gets a tag of its own: "§0" is no other key's encoding.
            String part = (value != null) ? encode(value) : MARKER + "0";
            encoded.append(part.length()).append(':').append(part);
        }
        return encoded.append(')').toString();
    }

    /**
     * Spring's key for methods of several parameters, written as its parameters, each encoded, framed by its length.
     * Its {@code equals()} compares parameters with {@code Arrays.deepEquals}, so arrays among them are written by
     * content (with their type, as {@code deepEquals} tells an {@code int[]} from a {@code long[]}).
     */
    private static String encodeSimpleKey(SimpleKey key) {
        Object[] params;
        try {
            params = (Object[]) SIMPLE_KEY_PARAMS.get(key);
        }
        catch (IllegalAccessException ex) {
            return MARKER + "J:" + Base64.getEncoder().encodeToString(serialize(key));
        }
        StringBuilder encoded = new StringBuilder(MARKER).append("K:(");
        appendFramed(encoded, params);
        return encoded.append(')').toString();
    }

    private static void appendFramed(StringBuilder encoded, Object array) {
        for (int i = 0; i < Array.getLength(array); i++) {
            Object element = Array.get(array, i);
            String part = (element == null) ? MARKER + "0" : encodeDeep(element);
            encoded.append(part.length()).append(':').append(part);
        }
    }

    private static String encodeDeep(Object element) {
        if (element.getClass().isArray()) {
            StringBuilder encoded = new StringBuilder(MARKER).append("A:")
                .append(element.getClass().getComponentType().getName()).append('(');
            appendFramed(encoded, element);
            return encoded.append(')').toString();
        }
        return encode(element);
    }

    /** {@code SimpleKey}'s parameters, or {@code null} where they cannot be read (a module that does not open them). */
    private static Field simpleKeyParams() {
        try {
            Field params = SimpleKey.class.getDeclaredField("params");
            params.setAccessible(true);
            return params;
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            return null;
        }
    }

    private static byte[] serialize(Object key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(key);
        }
        catch (IOException ex) {
            throw new IllegalArgumentException("Cannot use a " + key.getClass().getName() + " as a cache key: it is "
                    + "Serializable but could not be serialized (" + ex + "). Make every part of the key Serializable, "
                    + "or give the cache annotation a key expression that makes a String.", ex);
        }
        return bytes.toByteArray();
    }
}
