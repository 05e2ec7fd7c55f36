package dev.locmem.cache.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The keys of the page cache, made as Django's {@code learn_cache_key} and {@code get_cache_key} make them. A page's
 * key is the key prefix, the request's absolute URI (scheme, host, port, path and query) and the values of the request
 * headers that the response named in {@code Vary}. Which headers those are is only known once a response was made,
 * so it is learned per URI: storing a page also stores its header list under the URI's header key; looking a page up
 * first reads that list, and without one there is no page.
 *
 * <p>The URI and the header values go into the key as SHA-256 digests, so that keys are short and hold no character
 * that a backend could refuse, whatever the URI; the prefix is kept as written, to tell entries apart when reading a
 * cache.
 */
public final class PageCacheKeys {

    private static final String HEADERS_KEY = "views.cache.headers:";

    private static final String PAGE_KEY = "views.cache.page:";

    private PageCacheKeys() {
    }

    /**
     * Returns the key under which the header list of a request's URI is learned.
     * @param keyPrefix the key prefix
     * @param request the request
     * @return the key
     */
    public static String headerListKey(String keyPrefix, HttpServletRequest request) {
        return HEADERS_KEY + keyPrefix + ":" + digest(absoluteUri(request));
    }

    /**
     * Returns the key of a request's page, given the headers its URI's responses vary on.
     * @param keyPrefix the key prefix
     * @param request the request
     * @param headerList the names of the headers, as {@link #headerList(Collection)} gives them
     * @return the key
     */
    public static String pageKey(String keyPrefix, HttpServletRequest request, List<String> headerList) {
        StringBuilder values = new StringBuilder();
        for (String name : headerList) {
            values.append(name).append(':');
            Enumeration<String> headerValues = request.getHeaders(name);
            if (headerValues == null || !headerValues.hasMoreElements()) {
                // Absent and empty are different requests.
                values.append('\u0000');
            }
            else {
                values.append(String.join(",", Collections.list(headerValues)));
            }
            values.append('\n');
        }
        return PAGE_KEY + keyPrefix + ":" + digest(absoluteUri(request)) + ":" + digest(values.toString());
    }

    /**
     * Returns the header list to learn from a response's {@code Vary} names: lower case, without repeats, sorted, so
     * that the same headers in any order and case make the same key.
     * @param varyNames the names, possibly in several comma-separated values
     * @return the header list
     */
    public static List<String> headerList(Collection<String> varyNames) {
        TreeSet<String> names = new TreeSet<>();
        for (String value : varyNames) {
            for (String name : value.split(",")) {
                String trimmed = name.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty()) {
                    names.add(trimmed);
                }
            }
        }
        return new ArrayList<>(names);
    }

    /**
     * Returns the absolute URI of a request: scheme, host, port, path and query.
     * @param request the request
     * @return the URI
     */
    public static String absoluteUri(HttpServletRequest request) {
        StringBuilder uri = new StringBuilder(request.getScheme()).append("://").append(request.getServerName())
            .append(':').append(request.getServerPort()).append(request.getRequestURI());
        String query = request.getQueryString();
        if (query != null) {
            uri.append('?').append(query);
        }
        return uri.toString();
    }

    private static String digest(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java platform has SHA-256", ex);
        }
    }
}
