package dev.locmem.cache.web;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The directives of a {@code Cache-Control} header, parsed one by one as RFC 9111 writes them: names in any case, any
 * spacing around commas and {@code =}, arguments bare or quoted (with commas inside the quotes). Matching the header
 * as a whole string is how a response that says {@code Private} or {@code no-cache="Set-Cookie"} ends up stored in
 * a shared cache; asking for a directive by name is not.
 */
public final class CacheControlDirectives {

    private static final CacheControlDirectives NONE = new CacheControlDirectives(Map.of());

    /** Directive names in lower case, to their argument without quotes ({@code null} when there is none). */
    private final Map<String, String> directives;

    private CacheControlDirectives(Map<String, String> directives) {
        this.directives = directives;
    }

    /**
     * Parses the values of every {@code Cache-Control} header of a message; several headers add up, as one header
     * with their values joined by commas.
     * @param headerValues the header's values, possibly none
     * @return the directives
     */
    public static CacheControlDirectives parse(Collection<String> headerValues) {
        if (headerValues == null || headerValues.isEmpty()) {
            return NONE;
        }
        Map<String, String> directives = new LinkedHashMap<>();
        for (String value : headerValues) {
            if (value != null) {
                parseInto(value, directives);
            }
        }
        return new CacheControlDirectives(Collections.unmodifiableMap(directives));
    }

    private static void parseInto(String header, Map<String, String> directives) {
        int i = 0;
        int length = header.length();
        while (i < length) {
            int nameStart = i;
            while (i < length && header.charAt(i) != ',' && header.charAt(i) != '=') {
                i++;
            }
            String name = header.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            String argument = null;
            if (i < length && header.charAt(i) == '=') {
                i++;
                while (i < length && Character.isWhitespace(header.charAt(i))) {
                    i++;
                }
                if (i < length && header.charAt(i) == '"') {
                    StringBuilder quoted = new StringBuilder();
                    i++;
                    while (i < length && header.charAt(i) != '"') {
                        // A quoted-pair: the backslash only says that the next character is literal.
                        if (header.charAt(i) == '\\' && i + 1 < length) {
                            i++;
                        }
                        quoted.append(header.charAt(i));
                        i++;
                    }
                    i++;
                    argument = quoted.toString();
                    while (i < length && header.charAt(i) != ',') {
                        i++;
                    }
                }
                else {
                    int argumentStart = i;
                    while (i < length && header.charAt(i) != ',') {
                        i++;
                    }
                    argument = header.substring(argumentStart, i).trim();
                }
            }
            if (!name.isEmpty()) {
                // The first occurrence wins, as most caches read a duplicated directive.
                directives.putIfAbsent(name, argument);
            }
            i++;
        }
    }

    /**
     * Tells whether a directive is present, with or without an argument.
     * @param name the directive's name, in any case
     * @return whether the directive is present
     */
    public boolean has(String name) {
        return this.directives.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /**
     * Returns a directive's argument as seconds, when the directive is present with a non-negative whole number.
     * @param name the directive's name, in any case
     * @return the seconds, or empty when absent or not a number
     */
    public OptionalLong seconds(String name) {
        String argument = this.directives.get(name.toLowerCase(Locale.ROOT));
        if (argument == null || argument.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long seconds = Long.parseLong(argument);
            return (seconds >= 0) ? OptionalLong.of(seconds) : OptionalLong.empty();
        }
        catch (NumberFormatException ex) {
            return OptionalLong.empty();
        }
    }

    /**
     * Tells whether a shared cache must not store the message: {@code private}, {@code no-store} or
     * {@code no-cache}, with or without arguments.
     * @return whether the message forbids a shared cache
     */
    public boolean forbidSharedCache() {
        return has("private") || has("no-store") || has("no-cache");
    }

    /**
     * Tells whether a shared cache may answer a request with {@code Authorization} from this response: it says
     * {@code public} or {@code s-maxage} (RFC 9111, section 3.5).
     * @return whether the response may be shared between authorized requests
     */
    public boolean allowsAuthorizedSharing() {
        return has("public") || has("s-maxage");
    }

    /**
     * Returns the lifetime the response gives a shared cache: {@code s-maxage}, else {@code max-age}.
     * @return the seconds, or empty when the response says neither
     */
    public OptionalLong sharedMaxAge() {
        OptionalLong shared = seconds("s-maxage");
        return shared.isPresent() ? shared : seconds("max-age");
    }

    @Override
    public String toString() {
        return "CacheControlDirectives" + this.directives;
    }
}
