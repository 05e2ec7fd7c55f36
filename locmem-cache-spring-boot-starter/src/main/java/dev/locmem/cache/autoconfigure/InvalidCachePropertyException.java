package dev.locmem.cache.autoconfigure;

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
        super("Property '" + property + "' with value '" + value + "': " + problem + ". Accepted: " + accepted, cause);
        this.property = property;
        this.value = value;
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
