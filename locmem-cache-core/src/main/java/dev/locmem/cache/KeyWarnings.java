package dev.locmem.cache;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Django's {@code validate_key}: a made key longer than 250 characters, or holding spaces or control characters,
 * would be refused by memcached, so it draws a warning; it is never an error here.
 *
 * <p>So that a hot loop over a bad key cannot flood the log, each backend instance logs at most one such warning a
 * minute, saying how many it held back since the last one.
 */
final class KeyWarnings {

    /** Django's {@code MEMCACHE_MAX_KEY_LENGTH}. */
    static final int MAX_KEY_LENGTH = 250;

    private static final long INTERVAL_NANOS = 60_000_000_000L;

    private static final System.Logger LOGGER = System.getLogger("dev.locmem.cache.CacheKeyWarning");

    private final String source;

    private final AtomicLong nextWarningAt = new AtomicLong(Long.MIN_VALUE);

    private final AtomicLong suppressed = new AtomicLong();

    KeyWarnings(String source) {
        this.source = source;
    }

    /** Warns about the first problem of {@code madeKey}, if it has one. */
    void validate(String madeKey) {
        String problem = problemOf(madeKey);
        if (problem != null) {
            warn(problem);
        }
    }

    /** Warns about the made key {@code head + key}, building it only to say what is wrong with it. */
    void validate(String head, String key) {
        if (head.length() + key.length() > MAX_KEY_LENGTH || !isPrintable(head) || !isPrintable(key)) {
            validate(head + key);
        }
    }

    private static boolean isPrintable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 32 || c == 127) {
                return false;
            }
        }
        return true;
    }

    /** The reason a key is not portable, or {@code null} when it is. */
    static String problemOf(String madeKey) {
        if (madeKey.length() > MAX_KEY_LENGTH) {
            return "Cache key will cause errors if used with memcached: '" + printable(abbreviate(madeKey))
                    + "' (longer than " + MAX_KEY_LENGTH + ")";
        }
        if (!isPrintable(madeKey)) {
            return "Cache key contains characters that will cause errors if used with memcached: '"
                    + printable(madeKey) + "'";
        }
        return null;
    }

    private void warn(String problem) {
        long now = System.nanoTime();
        long next = this.nextWarningAt.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && this.nextWarningAt.compareAndSet(next, now + INTERVAL_NANOS)) {
            long held = this.suppressed.getAndSet(0);
            LOGGER.log(Level.WARNING, () -> problem + " [" + this.source + "]"
                    + ((held > 0) ? "; " + held + " more such warnings were held back" : ""));
        }
        else {
            this.suppressed.incrementAndGet();
        }
    }

    /**
     * The key with each control character written as a backslash, {@code u} and four hex digits, as Django's
     * {@code %r} escapes them: a key is often user input, and a raw line break in it would forge a line of the log.
     */
    private static String printable(String key) {
        StringBuilder printable = new StringBuilder(key.length() + 8);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 32 || c == 127) {
                printable.append(String.format("\\u%04x", (int) c));
            }
            else {
                printable.append(c);
            }
        }
        return printable.toString();
    }

    private static String abbreviate(String key) {
        return (key.length() <= 60) ? key : key.substring(0, 60) + "...";
    }
}
