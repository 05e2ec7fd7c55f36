package dev.locmem.cache.web;

import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * A response as the page cache stores it: status, headers, body and content type, and when it was stored. It is a
 * small {@link Serializable} record of plain values, so that a backend that stores bytes (redis) holds it as well as
 * one that holds objects.
 *
 * @param status the status code
 * @param headers the headers the handler set, in order; without those that belong to one transfer only
 * @param contentType the {@code Content-Type}, or {@code null}
 * @param body the body
 * @param storedAtMillis when it was stored, in milliseconds since the epoch
 */
public record CachedPage(int status, List<Header> headers, String contentType, byte[] body, long storedAtMillis)
        implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Headers that describe one transfer of the response, or that the cache sets itself on every hit. */
    private static final Set<String> NOT_STORED = Set.of("content-length", "content-type", "set-cookie", "age", "date",
            "transfer-encoding", "connection", "keep-alive");

    /**
     * One header line.
     *
     * @param name the header's name
     * @param value the header's value
     */
    public record Header(String name, String value) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;
    }

    /**
     * Copies the components, so that an entry never shares state with the response it came from.
     * @param status the status code
     * @param headers the headers
     * @param contentType the content type
     * @param body the body
     * @param storedAtMillis when it was stored
     */
    public CachedPage {
        headers = List.copyOf(headers);
        body = body.clone();
    }

    /**
     * Returns a copy of the body.
     * @return the body
     */
    @Override
    public byte[] body() {
        return this.body.clone();
    }

    static CachedPage of(int status, Map<String, List<String>> recordedHeaders, String contentType, byte[] body,
            long storedAtMillis) {
        List<Header> headers = new ArrayList<>();
        recordedHeaders.forEach((name, values) -> {
            if (!NOT_STORED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach((value) -> headers.add(new Header(name, value)));
            }
        });
        return new CachedPage(status, headers, contentType, body, storedAtMillis);
    }

    /**
     * Returns the values of a stored header.
     * @param name the header's name, in any case
     * @return the values, possibly none
     */
    public List<String> header(String name) {
        return this.headers.stream().filter((header) -> header.name().equalsIgnoreCase(name)).map(Header::value)
            .toList();
    }

    /**
     * Tells whether the stored response may answer a request made with credentials: its {@code Cache-Control} says
     * {@code public} or {@code s-maxage}.
     * @return whether it may be shared between authorized requests
     */
    public boolean allowsAuthorizedRequests() {
        return CacheControlDirectives.parse(header("Cache-Control")).allowsAuthorizedSharing();
    }

    /**
     * Writes this response to a client: the stored status, headers and body ({@code HEAD}: no body), with an
     * {@code Age}; or a {@code 304 Not Modified} when the request's {@code If-None-Match} matches the stored
     * {@code ETag} or, without {@code If-None-Match}, its {@code If-Modified-Since} is not before the stored
     * {@code Last-Modified}.
     * @param request the request
     * @param response the response
     * @param nowMillis the time now, in milliseconds since the epoch
     * @throws IOException when the client cannot be written to
     */
    public void writeTo(HttpServletRequest request, HttpServletResponse response, long nowMillis) throws IOException {
        boolean notModified = this.status == HttpServletResponse.SC_OK && isNotModifiedFor(request);
        response.setStatus(notModified ? HttpServletResponse.SC_NOT_MODIFIED : this.status);
        Map<String, Boolean> seen = new LinkedCaseInsensitiveMap<>();
        for (Header header : this.headers) {
            if (seen.put(header.name(), Boolean.TRUE) == null) {
                response.setHeader(header.name(), header.value());
            }
            else {
                response.addHeader(header.name(), header.value());
            }
        }
        response.setHeader("Age", Long.toString(Math.max(0, (nowMillis - this.storedAtMillis) / 1000)));
        if (notModified || this.status == HttpServletResponse.SC_NOT_MODIFIED) {
            return;
        }
        if (this.contentType != null) {
            response.setContentType(this.contentType);
        }
        response.setContentLength(this.body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(this.body);
        }
    }

    /**
     * Tells whether a request's validators match this response's: its {@code If-None-Match} names the stored
     * {@code ETag} (weakly), or, without {@code If-None-Match}, its {@code If-Modified-Since} is not before the stored
     * {@code Last-Modified}. A stored {@code 304} answers only such a request: it says "what you hold is current", which
     * is true only of what the client holds being what the 304 was made for.
     * @param request the request
     * @return whether the client's copy is this response's
     */
    boolean isNotModifiedFor(HttpServletRequest request) {
        String ifNoneMatch = request.getHeader("If-None-Match");
        if (ifNoneMatch != null) {
            List<String> etags = header("ETag");
            return !etags.isEmpty() && matchesWeakly(ifNoneMatch, etags.get(0));
        }
        String ifModifiedSince = request.getHeader("If-Modified-Since");
        List<String> lastModified = header("Last-Modified");
        if (ifModifiedSince == null || lastModified.isEmpty()) {
            return false;
        }
        Instant since = parseHttpDate(ifModifiedSince);
        Instant modified = parseHttpDate(lastModified.get(0));
        return since != null && modified != null && !modified.isAfter(since);
    }

    private static boolean matchesWeakly(String ifNoneMatch, String etag) {
        String stored = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || opaque(tag).equals(stored)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String etag) {
        String tag = etag.trim();
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static Instant parseHttpDate(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        }
        catch (DateTimeParseException ex) {
            return null;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CachedPage page && this.status == page.status && this.storedAtMillis == page.storedAtMillis
                && this.headers.equals(page.headers) && java.util.Objects.equals(this.contentType, page.contentType)
                && java.util.Arrays.equals(this.body, page.body);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(this.status, this.headers, this.contentType, java.util.Arrays.hashCode(this.body),
                this.storedAtMillis);
    }

    @Override
    public String toString() {
        return "CachedPage[status=" + this.status + ", contentType=" + this.contentType + ", body=" + this.body.length
                + " bytes, headers=" + this.headers + "]";
    }
}
