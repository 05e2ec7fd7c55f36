package dev.locmem.cache.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link InvalidCachePropertyException} on the console at start-up, so that the message says which
 * property to change, what it holds and what it may hold, rather than a stack trace.
 */
public class InvalidCachePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCachePropertyException> {

    /** Creates the analyzer; Spring Boot finds it through {@code META-INF/spring.factories}. */
    public InvalidCachePropertyFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidCachePropertyException cause) {
        // Laid out as Spring Boot lays out a property that does not bind, with what is accepted besides.
        String origin = (cause.getOrigin() != null) ? String.format("    Origin: %s%n", cause.getOrigin()) : "";
        String description = String.format("Invalid cache configuration:%n%n    Property: %s%n    Value: %s%n%s"
                + "    Reason: %s%n    Accepted: %s%n", cause.getProperty(), describe(cause.getValue()), origin,
                cause.getProblem(), cause.getAccepted());
        String action = String.format("Change %s to an accepted value: %s", cause.getProperty(), cause.getAccepted());
        return new FailureAnalysis(description, action, cause);
    }

    private static String describe(Object value) {
        return (value != null) ? "\"" + value + "\"" : "(none)";
    }
}
