package dev.locmem.cache.autoconfigure;

import org.springframework.boot.origin.Origin;

/**
 * Thrown at start-up when a property under {@code app.caches} is wrong; {@link InvalidCachePropertyFailureAnalyzer}
 * turns it into a description that names the property, its value and what is accepted.
 */
public class InvalidCachePropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The full name of the property. */
    private final String property;

    /** The value it has; not serialized, since it may be any object. */
    private final transient Object value;

    /** What is wrong with the value. */
    private final String problem;

    /** What would be accepted. */
    private final String accepted;

    /** Where the value was written, such as a line of {@code application.yml}; not serialized, as Spring's is not. */
    private final transient Origin origin;

    /**
     * Creates the exception.
     * @param property the full name of the property, such as {@code app.caches.default.timeout}
     * @param value the value it has, or {@code null}
     * @param problem what is wrong, as a sentence without its full stop ("'soon' is not a timeout")
     * @param accepted what would be accepted
     */
    public InvalidCachePropertyException(String property, Object value, String problem, String accepted) {
        this(property, value, problem, accepted, null);
    }

    /**
     * Creates the exception with a cause.
     * @param property the full name of the property
     * @param value the value it has, or {@code null}
     * @param problem what is wrong, as a sentence without its full stop
     * @param accepted what would be accepted
     * @param cause what failed
     */
    public InvalidCachePropertyException(String property, Object value, String problem, String accepted,
            Throwable cause) {
        this(property, value, null, problem, accepted, cause);
    }

    /**
     * Creates the exception for a value whose origin is known, so that the message says where to change it.
     * @param property the full name of the property
     * @param value the value it has, or {@code null}
     * @param origin where the value was written, or {@code null}
     * @param problem what is wrong, as a sentence without its full stop
     * @param accepted what would be accepted
     * @param cause what failed, or {@code null}
     */
    public InvalidCachePropertyException(String property, Object value, Origin origin, String problem,
            String accepted, Throwable cause) {
        super("Property '" + property + "' with value '" + value + "'" + ((origin != null) ? " (" + origin + ")" : "")
                + ": " + problem + ". Accepted: " + accepted, cause);
        this.property = property;
        this.value = value;
        this.origin = origin;
        this.problem = problem;
        this.accepted = accepted;
    }

    /**
     * Returns the property's full name.
     * @return the property
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * Returns the bad value.
     * @return the value, or {@code null}
     */
    public Object getValue() {
        return this.value;
    }

    /**
     * Returns where the value was written.
     * @return the origin, or {@code null} when it is not known
     */
    public Origin getOrigin() {
        return this.origin;
    }

    /**
     * Returns what is wrong.
     * @return the problem
     */
    public String getProblem() {
        return this.problem;
    }

    /**
     * Returns what is accepted.
     * @return the accepted values
     */
    public String getAccepted() {
        return this.accepted;
    }
}
