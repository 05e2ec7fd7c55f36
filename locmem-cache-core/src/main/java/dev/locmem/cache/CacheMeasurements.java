package dev.locmem.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Implemented by a {@link CacheBackend} that measures more than {@link CacheStats} holds, such as a near cache's own
 * hits or the state of a connection, so that metrics can show those measurements without knowing the backend's type.
 *
 * <p>The Spring Boot starter registers each measurement as a meter of the cache, with the cache's tags and the
 * measurement's own, and reads its value again at every scrape by calling {@link #measurements()}. So that a meter
 * always finds its measurement, every call returns the same names with the same tags for the backend's whole life;
 * only the values change. A call must be cheap and must not contact the store: it reads counters kept in memory.
 */
public interface CacheMeasurements {

    /**
     * The backend's measurements now.
     * @return one entry per measurement, the same names and tags at every call
     */
    List<Measurement> measurements();

    /**
     * What a measurement's value means over time, which decides the kind of meter that shows it.
     */
    enum Kind {

        /** A count that only grows while the backend lives, such as reads answered; shown as a counter. */
        COUNTER,

        /** A value that goes up and down, such as entries kept now or a state as 1 and 0; shown as a gauge. */
        GAUGE
    }

    /**
     * One measurement of a backend.
     *
     * @param name the meter's name, dotted and lower case as Micrometer names are, starting with {@code cache.} so
     *     that it sits beside the cache's other meters (for example {@code cache.near.gets}), and not one of the
     *     names that show {@link CacheStats} ({@code cache.gets}, {@code cache.puts}, {@code cache.size},
     *     {@code cache.evictions}), which a second meter of other tags would break
     * @param kind whether it is a counter or a gauge
     * @param tags tags that tell apart measurements of one name (for example {@code result=hit}), besides the
     *     cache's own; empty when there is one measurement of the name
     * @param description what is measured, for the meter's description
     * @param value the value now
     */
    record Measurement(String name, Kind kind, Map<String, String> tags, String description, double value) {

        /**
         * Checks the measurement and copies its tags.
         * @param name the meter's name
         * @param kind counter or gauge
         * @param tags the measurement's own tags
         * @param description what is measured
         * @param value the value now
         */
        public Measurement {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(description, "description");
            tags = Map.copyOf(tags);
        }

        /**
         * A counter without tags of its own.
         * @param name the meter's name
         * @param description what is counted
         * @param value the count now
         * @return the measurement
         */
        public static Measurement counter(String name, String description, double value) {
            return new Measurement(name, Kind.COUNTER, Map.of(), description, value);
        }

        /**
         * A gauge without tags of its own.
         * @param name the meter's name
         * @param description what is measured
         * @param value the value now
         * @return the measurement
         */
        public static Measurement gauge(String name, String description, double value) {
            return new Measurement(name, Kind.GAUGE, Map.of(), description, value);
        }

        /**
         * The same measurement with one more tag of its own.
         * @param key the tag's key
         * @param tagValue the tag's value
         * @return a new measurement
         */
        public Measurement withTag(String key, String tagValue) {
            Map<String, String> more = new HashMap<>(this.tags);
            more.put(key, tagValue);
            return new Measurement(this.name, this.kind, more, this.description, this.value);
        }

        /**
         * Tells whether this measurement is the one another names: same name and same tags, whatever the values.
         * @param other another measurement
         * @return {@code true} when both name one meter
         */
        public boolean sameMeter(Measurement other) {
            return this.name.equals(other.name) && this.tags.equals(other.tags);
        }
    }
}
