package dev.locmem.cache.redis;

import java.util.regex.Pattern;

import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.KeyFunction;

/**
 * The keys that belong to one cache, for {@code clear()}: a glob for {@code SCAN MATCH}, which narrows the scan on the
 * server, and an exact test, applied to what the scan returns, because a glob cannot say "a whole number".
 *
 * <p>With Django's default key function ({@code prefix:version:key}) a cache's keys are those of the form
 * {@code <prefix>:<integer>:<anything>}, every version: the glob is {@code <escaped prefix>:*} and the test checks the
 * integer. So another cache whose prefix merely starts with this one's ({@code "app"} and {@code "app:admin"}) is left
 * alone, and so is every key not made by such a key function ({@code session:abc}). With an empty prefix that is every
 * key of the form {@code :<integer>:<anything>}, never the whole database.
 *
 * <p>With another key function nothing is known of its form, so this cache's keys are found by making the key of a
 * marker and taking what comes before and after it: {@code before*after}, at this cache's own version only. A key
 * function whose result does not contain the key (it hashes it), or that adds nothing around it (which would match
 * every key of the database), has no keyspace, and {@code clear()} refuses to run.
 */
final class RedisKeyspace {

    private static final String MARKER = "\u0000locmem-keyspace\u0000";

    /** The key function of {@link CacheSettings}' defaults, which is Django's and not public in core. */
    static final KeyFunction DJANGO_KEY_FUNCTION = CacheSettings.builder().build().keyFunction();

    private final String glob;

    private final Pattern exact;

    private final String unsupported;

    private final String head;

    private RedisKeyspace(String glob, Pattern exact, String unsupported, String head) {
        this.head = head;
        this.glob = glob;
        this.exact = exact;
        this.unsupported = unsupported;
    }

    static RedisKeyspace of(KeyFunction keyFunction, String keyPrefix, int version) {
        if (keyFunction == DJANGO_KEY_FUNCTION) {
            String head = keyPrefix + ":";
            return new RedisKeyspace(escapeGlob(head) + "*",
                    Pattern.compile(Pattern.quote(head) + "-?[0-9]+:.*", Pattern.DOTALL), null, head);
        }
        String made = keyFunction.makeKey(MARKER, keyPrefix, version);
        int at = (made != null) ? made.indexOf(MARKER) : -1;
        if (at < 0) {
            return new RedisKeyspace(null, null, "its key function " + keyFunction
                    + " does not keep the key in the made key, so this cache's keys cannot be told from others", "");
        }
        String before = made.substring(0, at);
        String after = made.substring(at + MARKER.length());
        if (before.isEmpty() && after.isEmpty()) {
            return new RedisKeyspace(null, null, "its key function " + keyFunction
                    + " adds nothing to the key, so clearing would remove every key of the database", "");
        }
        return new RedisKeyspace(escapeGlob(before) + "*" + escapeGlob(after),
                Pattern.compile(Pattern.quote(before) + ".*" + Pattern.quote(after), Pattern.DOTALL), null, before);
    }

    /** The glob for {@code SCAN MATCH}; only call when {@link #unsupportedReason()} is {@code null}. */
    String glob() {
        return this.glob;
    }

    /**
     * What every key of this cache starts with, for a near cache's {@code CLIENT TRACKING BCAST PREFIX}: the prefix
     * and a colon with Django's key function, what another key function puts before the key, and {@code ""} (every
     * key) when nothing is known.
     */
    String head() {
        return this.head;
    }

    /** Tells whether a key the scan found is one of this cache's. */
    boolean contains(String key) {
        return this.exact.matcher(key).matches();
    }

    /** Why this cache cannot be cleared, or {@code null} when it can. */
    String unsupportedReason() {
        return this.unsupported;
    }

    /** Escapes the characters that Redis's glob gives a meaning: {@code * ? [ ] \}. */
    static String escapeGlob(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    @Override
    public String toString() {
        return (this.unsupported != null) ? "no keyspace: " + this.unsupported : "keys matching " + this.exact;
    }
}
