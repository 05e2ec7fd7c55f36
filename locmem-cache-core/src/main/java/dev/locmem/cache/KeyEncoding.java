package dev.locmem.cache;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The text form of a cache key, for backends that store keys as bytes (Redis) and for key functions, which make the
 * stored key from text: {@code encode(a).equals(encode(b))} exactly when {@code a.equals(b)}, for every key it
 * accepts. So keys that are not equal never share an entry, and equal keys always find the same one.
 *
 * <p>The forms:
 * <ul>
 * <li>A {@code String} is its own text, so the low-level API's keys are stored as Django stores them
 * ({@code prefix:version:key}). The one exception is a string that starts with the marker {@value #MARKER}: it is
 * written {@code §s:} followed by the string.</li>
 * <li>Every other key starts with the marker, a tag naming its type, and {@code ':'}: {@code §L:42} for {@code 42L},
 * {@code §I:42} for {@code 42}, {@code §D:1.0} for {@code 1.0d}, {@code §U:<uuid>}, {@code §T:LocalDate:2024-05-01},
 * {@code §E:com.example.Color#RED} for an enum constant. These types' {@code toString()} is one-to-one with their
 * {@code equals()} ({@code BigDecimal}'s too, which counts the scale in both).</li>
 * <li>Keys with parts write each part encoded the same way and framed by its length, so that no two different lists
 * of parts give the same text: a record ({@code §R:com.example.Edition(3:abc5:§L:7)}), a {@link CompositeKey}
 * ({@code §K:(...)}, arrays among its parts by content and element type, as {@code Arrays.deepEquals} compares them),
 * and a {@code List} ({@code §Q:(...)}, equal to any list of equal elements in the same order, as
 * {@code List.equals} requires of every list). A {@code null} part is {@code §0}.</li>
 * </ul>
 *
 * <p>Refused, with an {@link IllegalArgumentException} that names the class and says what to use instead: every other
 * type, sets and maps among them (a set's {@code equals()} depends on how it compares its elements, which its text
 * cannot know). Above all, this never falls back on {@code toString()} (two different objects may print the same) nor on
 * Java serialization (two objects with the same fields serialize alike even when their class keeps the identity
 * {@code equals()} of {@code Object}, so they would share an entry). Also refused: an array outside a
 * {@code CompositeKey}, which is equal only to itself.
 *
 * <p>A record's state is its components, so its text follows the {@code equals()} that records are given; a record
 * that declares a looser {@code equals()} of its own (ignoring case, say) gets different texts for keys it calls
 * equal, which costs a miss, never a wrong hit.
 */
public final class KeyEncoding {

    /** The first character of the text of every key that is not a plain string. */
    public static final String MARKER = "§";

    private static final char MARK = '§';

    /** Tags of the types written as their {@code toString()}, which is one-to-one with their {@code equals()}. */
    private static final Map<Class<?>, String> TEXT_TAGS = Map.ofEntries(Map.entry(Long.class, "L"),
            Map.entry(Integer.class, "I"), Map.entry(Short.class, "S"), Map.entry(Byte.class, "Y"),
            Map.entry(Double.class, "D"), Map.entry(Float.class, "F"), Map.entry(BigInteger.class, "B"),
            Map.entry(BigDecimal.class, "N"), Map.entry(Boolean.class, "Z"), Map.entry(Character.class, "C"),
            Map.entry(UUID.class, "U"), Map.entry(LocalDate.class, "T:LocalDate"),
            Map.entry(LocalDateTime.class, "T:LocalDateTime"), Map.entry(LocalTime.class, "T:LocalTime"),
            Map.entry(Instant.class, "T:Instant"), Map.entry(OffsetDateTime.class, "T:OffsetDateTime"),
            Map.entry(ZonedDateTime.class, "T:ZonedDateTime"), Map.entry(Duration.class, "T:Duration"),
            Map.entry(Period.class, "T:Period"), Map.entry(Year.class, "T:Year"),
            Map.entry(YearMonth.class, "T:YearMonth"));

    private KeyEncoding() {
    }

    /**
     * The text form of a key.
     * @param key a key, not {@code null}
     * @return its text, which equal keys share and no other key has
     * @throws IllegalArgumentException when the key is {@code null} or of a type that has no such text form
     */
    public static String encode(Object key) {
        if (key == null) {
            throw new IllegalArgumentException("A cache key must not be null");
        }
        if (key instanceof String text) {
            return plain(text);
        }
        try {
            return tagged(key);
        }
        catch (Unencodable ex) {
            throw new IllegalArgumentException("Cannot use " + describe(key) + " as a key of a cache that stores keys "
                    + "as text (such as Redis): " + ex.getMessage() + ". Such a cache takes strings, boxed "
                    + "primitives, BigInteger, BigDecimal, UUID, java.time values, enums, and records and lists of "
                    + "those (and Spring's keys of several parameters, made of those). Use one of them, or give the cache annotation a key expression that makes one (key = \"#book.isbn\").");
        }
    }

    /**
     * The text form of a key, or {@code null} when it has none; for a backend that holds keys by {@code equals()}
     * and wants text only to show or to hand to a key function.
     * @param key a key, not {@code null}
     * @return its text as {@link #encode} gives it, or {@code null} for a key of a type that has none
     */
    public static String encodeOrNull(Object key) {
        if (key instanceof String text) {
            return plain(text);
        }
        try {
            return tagged(key);
        }
        catch (Unencodable ex) {
            return null;
        }
    }

    private static String plain(String text) {
        return (text.isEmpty() || text.charAt(0) != MARK) ? text : MARKER + "s:" + text;
    }

    private static String tagged(Object key) {
        String tag = TEXT_TAGS.get(key.getClass());
        if (tag != null) {
            return MARKER + tag + ":" + key;
        }
        if (key instanceof Enum<?> constant) {
            // Class names never contain '#', so the split between class and constant is unambiguous.
            return MARKER + "E:" + constant.getDeclaringClass().getName() + "#" + constant.name();
        }
        if (key instanceof Record record) {
            return record(record);
        }
        if (key instanceof CompositeKey composite) {
            StringBuilder text = new StringBuilder(MARKER).append("K:(");
            for (Object part : composite.parts()) {
                frame(text, (part != null && part.getClass().isArray()) ? array(part) : part(part));
            }
            return text.append(')').toString();
        }
        if (key instanceof List<?> list) {
            StringBuilder text = new StringBuilder(MARKER).append("Q:(");
            for (Object element : list) {
                frame(text, part(element));
            }
            return text.append(')').toString();
        }
        if (key.getClass().isArray()) {
            throw new Unencodable("an array is equal only to itself, so no text could follow its equals(); use a "
                    + "List of its elements");
        }
        throw new Unencodable("its type has no text form that is one-to-one with its equals()");
    }

    private static String part(Object part) {
        if (part == null) {
            return MARKER + "0";
        }
        return (part instanceof String text) ? plain(text) : tagged(part);
    }

    private static String record(Record key) {
        Class<?> type = key.getClass();
        StringBuilder text = new StringBuilder(MARKER).append("R:").append(type.getName()).append('(');
        for (RecordComponent component : type.getRecordComponents()) {
            Object value;
            try {
                component.getAccessor().setAccessible(true);
                value = component.getAccessor().invoke(key);
            }
            catch (ReflectiveOperationException | RuntimeException ex) {
                throw new Unencodable("its component '" + component.getName() + "' cannot be read (" + ex + ")");
            }
            frame(text, part(value));
        }
        return text.append(')').toString();
    }

    /** An array part of a {@link CompositeKey}, by content and element type, as {@code Arrays.deepEquals} compares. */
    private static String array(Object array) {
        StringBuilder text = new StringBuilder(MARKER).append("A:").append(array.getClass().getComponentType().getName())
                .append('(');
        for (int i = 0; i < Array.getLength(array); i++) {
            Object element = Array.get(array, i);
            frame(text, (element != null && element.getClass().isArray()) ? array(element) : part(element));
        }
        return text.append(')').toString();
    }

    private static void frame(StringBuilder text, String part) {
        text.append(part.length()).append(':').append(part);
    }

    private static String describe(Object key) {
        return (key.getClass().isArray() ? "an array (" + key.getClass().getTypeName() + ")"
                : "a " + key.getClass().getName());
    }

    /** Why a key, or a part of it, has no text form; cheap, as it carries no stack trace. */
    private static final class Unencodable extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Unencodable(String reason) {
            super(reason, null, false, false);
        }
    }
}
