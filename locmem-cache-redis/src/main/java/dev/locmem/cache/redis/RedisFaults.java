package dev.locmem.cache.redis;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import dev.locmem.cache.CacheUnavailableException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Tells a Redis server that cannot be reached from a command that Redis refused, and turns the first into
 * {@link CacheUnavailableException}.
 *
 * <p>Spring Data Redis wraps Lettuce's exceptions, sometimes twice (a pipeline wraps each command's failure), so the
 * whole chain of causes is looked at. Unavailable means: no connection (refused, reset, closed, not yet re-established:
 * Lettuce rejects commands while it reconnects), a command or connect timeout, or a server that answers but cannot
 * serve yet ({@code LOADING}, {@code MASTERDOWN}, {@code CLUSTERDOWN}, {@code TRYAGAIN}, {@code BUSY}). Any other
 * error reply ({@code WRONGTYPE}, a script error) is a fault of the call, and is left as it is. A TLS handshake that
 * fails (a certificate that is no longer trusted) is a connection that cannot be made, so unavailable too, but its
 * message gives the TLS reason rather than the last cause's, which only repeats its end.
 */
final class RedisFaults {

    private static final String[] UNAVAILABLE_REPLIES = { "LOADING", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN", "BUSY" };

    private RedisFaults() {
    }

    /**
     * Returns the exception to throw for a failed operation.
     * @param where the server, as "Redis at host:port/db"
     * @param operation what was asked, as "get of key 'k'"
     * @param failure what Spring Data Redis or Lettuce threw
     * @return a {@link CacheUnavailableException} when the server could not be reached, else {@code failure}
     */
    static RuntimeException translate(String where, String operation, RuntimeException failure) {
        if (failure instanceof CacheUnavailableException || !isUnavailable(failure)) {
            return failure;
        }
        String tls = tlsRefusal(failure);
        if (tls != null) {
            // A certificate that became untrusted (rotated by the provider) looks like an outage; say what it is.
            return new CacheUnavailableException(where + " is unavailable for " + operation + ": the TLS handshake "
                    + "failed: " + tls, failure);
        }
        return new CacheUnavailableException(where + " is unavailable for " + operation + ": " + rootMessage(failure),
                failure);
    }

    /**
     * Why a TLS handshake failed, when that is what the failure is: the message of the outermost TLS exception
     * (an untrusted certificate is {@code PKIX path building failed ...}, a name that does not match is
     * {@code No subject alternative names ...}); {@code null} for any other failure. A cluster client that could not
     * read the topology from any seed keeps each seed's failure as a suppressed exception, so those are looked at too.
     */
    static String tlsRefusal(Throwable failure) {
        Throwable security = tlsFailure(failure, 0);
        if (security == null) {
            return null;
        }
        return (security.getMessage() != null) ? security.getMessage() : security.getClass().getName();
    }

    private static Throwable tlsFailure(Throwable failure, int nesting) {
        // The outermost TLS exception says it best; its causes only repeat the end of its message.
        Throwable security = null;
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (cause instanceof SSLException) {
                return cause;
            }
            if (security == null && cause instanceof GeneralSecurityException) {
                security = cause;
            }
            if (nesting < 2) {
                for (Throwable suppressed : cause.getSuppressed()) {
                    Throwable found = tlsFailure(suppressed, nesting + 1);
                    if (found instanceof SSLException) {
                        return found;
                    }
                    if (security == null) {
                        security = found;
                    }
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return security;
    }

    static boolean isUnavailable(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (cause instanceof RedisCommandExecutionException reply) {
                return isUnavailableReply(reply.getMessage());
            }
            if (cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException
                    || cause instanceof RedisException || cause instanceof IOException
                    || cause instanceof TimeoutException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static boolean isUnavailableReply(String message) {
        if (message == null) {
            return false;
        }
        for (String reply : UNAVAILABLE_REPLIES) {
            if (message.startsWith(reply)) {
                return true;
            }
        }
        return false;
    }

    /** The message of the innermost cause, or its class name when it has none. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        int depth = 0;
        while (root.getCause() != null && root.getCause() != root && depth++ < 16) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return (message != null) ? message : root.getClass().getName();
    }
}
