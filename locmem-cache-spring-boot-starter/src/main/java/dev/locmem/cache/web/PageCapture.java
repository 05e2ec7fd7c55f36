package dev.locmem.cache.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.util.LinkedCaseInsensitiveMap;

/**
 * The response of a GET or HEAD request on its way through the page cache. It passes everything through until
 * {@link PageCacheInterceptor} knows the handler and, for one whose responses may be stored, {@linkplain #capture
 * starts capturing}: from then on the body is kept in memory (nothing reaches the client, so headers can still be
 * added) until {@link PageCacheFilter} has decided whether to store it and {@linkplain #finish() sends it}. Unlike
 * Spring's {@code ContentCachingResponseWrapper}, it buffers only the responses that may be stored, and it records
 * the headers set by the handler (and the filters inside the page cache), not those that the filters outside it set,
 * since those run again on every hit.
 *
 * <p>A response that goes asynchronous, sends an error or a redirect, or whose body grows past the largest page that
 * is stored, is {@linkplain #release() released}: what is buffered goes out, the rest passes through, and nothing is
 * stored.
 */
public final class PageCapture extends HttpServletResponseWrapper {

    private static final String ATTRIBUTE = PageCapture.class.getName();

    /** The IMF-fixdate of RFC 9110, as the container writes date headers (two-digit days). */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
        .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private enum State {
        PASSING, CAPTURING, RELEASED
    }

    private State state = State.PASSING;

    private final long maxPageBytes;

    private final ByteArrayOutputStream body = new ByteArrayOutputStream(4096);

    private final Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>(Locale.ROOT);

    private PagePolicy policy;

    private boolean authorized;

    private boolean storeForbidden;

    private boolean cookieAdded;

    private boolean bodyTouched;

    private ServletOutputStream outputStream;

    private PrintWriter capturingWriter;

    PageCapture(HttpServletResponse response, long maxPageBytes) {
        super(response);
        this.maxPageBytes = maxPageBytes;
    }

    /**
     * Returns the capture that {@link PageCacheFilter} put in place for a request.
     * @param request the request
     * @return the capture, or {@code null} when the request does not pass through the page cache filter
     */
    public static PageCapture of(ServletRequest request) {
        return (request.getAttribute(ATTRIBUTE) instanceof PageCapture capture) ? capture : null;
    }

    void bindTo(ServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    /**
     * Starts keeping the body, to be stored under a policy once the handler is done.
     * @param policy the policy the response is stored under
     * @param authorized whether the request was made with credentials (an {@code Authorization} header or an
     *     authenticated user)
     * @return {@code false} when it is too late: the body was already touched
     */
    public boolean capture(PagePolicy policy, boolean authorized) {
        if (this.state != State.PASSING || this.bodyTouched) {
            return false;
        }
        this.policy = policy;
        this.authorized = authorized;
        this.state = State.CAPTURING;
        return true;
    }

    /** Makes sure the response is not stored, whatever else decides: {@link NeverCache}, a hit. */
    public void forbidStore() {
        this.storeForbidden = true;
    }

    boolean isCapturing() {
        return this.state == State.CAPTURING;
    }

    boolean mayBeStored() {
        return this.state == State.CAPTURING && !this.storeForbidden && this.policy != null;
    }

    PagePolicy policy() {
        return this.policy;
    }

    boolean authorized() {
        return this.authorized;
    }

    boolean setsCookie() {
        return this.cookieAdded || this.headers.containsKey("Set-Cookie")
                || !getHeaders("Set-Cookie").isEmpty();
    }

    /**
     * Returns the values of a header that the handler set.
     * @param name the header's name, in any case
     * @return the values, possibly none
     */
    List<String> recordedHeaders(String name) {
        return this.headers.getOrDefault(name, List.of());
    }

    /**
     * Returns the headers that the handler set, in the order it set them.
     * @return the headers by name
     */
    Map<String, List<String>> recordedHeaders() {
        return this.headers;
    }

    /**
     * Hands what the handler's writer still holds to the capture, before anything decides whether to store: those last
     * characters may take the body past the largest page stored, which releases it.
     */
    void flushWriter() {
        flushCapturingWriter();
    }

    byte[] bodyBytes() {
        return this.body.toByteArray();
    }

    /**
     * Sends the captured body, with its length; after this, everything passes through.
     * @throws IOException when the client cannot be written to
     */
    void finish() throws IOException {
        flushCapturingWriter();
        if (this.state != State.CAPTURING) {
            return;
        }
        this.state = State.RELEASED;
        if (!getResponse().isCommitted()) {
            getResponse().setContentLength(this.body.size());
        }
        if (this.body.size() > 0) {
            this.body.writeTo(getResponse().getOutputStream());
        }
        this.body.reset();
    }

    /**
     * Stops capturing without storing: what is buffered goes out and the rest passes through (a response gone
     * asynchronous keeps writing to this wrapper).
     * @throws IOException when the client cannot be written to
     */
    void release() throws IOException {
        if (this.state != State.CAPTURING) {
            this.state = State.RELEASED;
            return;
        }
        flushCapturingWriter();
        sendBuffered();
    }

    /**
     * Stops capturing and sends what is buffered, without flushing the capturing writer: called from the stream that
     * the writer may be flushing into at that moment.
     */
    private void sendBuffered() throws IOException {
        this.state = State.RELEASED;
        if (this.body.size() > 0) {
            this.body.writeTo(getResponse().getOutputStream());
            this.body.reset();
        }
    }

    private void releaseDiscarding() {
        this.state = State.RELEASED;
        this.body.reset();
    }

    private void flushCapturingWriter() {
        if (this.capturingWriter != null) {
            this.capturingWriter.flush();
        }
    }

    private void record(String name, String value, boolean replace) {
        List<String> values = replace ? null : this.headers.get(name);
        if (values == null) {
            values = new ArrayList<>(1);
            this.headers.put(name, values);
        }
        values.add(value);
    }

    private static boolean isContentLength(String name) {
        return "Content-Length".equalsIgnoreCase(name);
    }

    @Override
    public void setHeader(String name, String value) {
        if (isCapturing() && isContentLength(name)) {
            return;
        }
        super.setHeader(name, value);
        record(name, value, true);
    }

    @Override
    public void addHeader(String name, String value) {
        if (isCapturing() && isContentLength(name)) {
            return;
        }
        super.addHeader(name, value);
        record(name, value, false);
    }

    @Override
    public void setDateHeader(String name, long date) {
        super.setDateHeader(name, date);
        record(name, HTTP_DATE.format(Instant.ofEpochMilli(date)), true);
    }

    @Override
    public void addDateHeader(String name, long date) {
        super.addDateHeader(name, date);
        record(name, HTTP_DATE.format(Instant.ofEpochMilli(date)), false);
    }

    @Override
    public void setIntHeader(String name, int value) {
        if (isCapturing() && isContentLength(name)) {
            return;
        }
        super.setIntHeader(name, value);
        record(name, Integer.toString(value), true);
    }

    @Override
    public void addIntHeader(String name, int value) {
        if (isCapturing() && isContentLength(name)) {
            return;
        }
        super.addIntHeader(name, value);
        record(name, Integer.toString(value), false);
    }

    @Override
    public void setLocale(Locale locale) {
        super.setLocale(locale);
        // The container turns the locale into Content-Language itself, past the header methods.
        String language = getResponse() instanceof HttpServletResponse http ? http.getHeader("Content-Language") : null;
        if (language != null) {
            record("Content-Language", language, true);
        }
    }

    @Override
    public void addCookie(Cookie cookie) {
        this.cookieAdded = true;
        super.addCookie(cookie);
    }

    @Override
    public void setContentLength(int length) {
        if (!isCapturing()) {
            super.setContentLength(length);
        }
    }

    @Override
    public void setContentLengthLong(long length) {
        if (!isCapturing()) {
            super.setContentLengthLong(length);
        }
    }

    @Override
    public void sendError(int status) throws IOException {
        forbidStore();
        releaseDiscarding();
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        forbidStore();
        releaseDiscarding();
        super.sendError(status, message);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        forbidStore();
        releaseDiscarding();
        super.sendRedirect(location);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        this.bodyTouched = true;
        if (this.outputStream == null) {
            this.outputStream = new CapturingOutputStream();
        }
        return this.outputStream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        this.bodyTouched = true;
        if (this.capturingWriter != null) {
            return this.capturingWriter;
        }
        if (isCapturing()) {
            Charset charset = Charset.forName(getCharacterEncoding());
            this.capturingWriter = new PrintWriter(new OutputStreamWriter(getOutputStream(), charset));
            return this.capturingWriter;
        }
        return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
        if (isCapturing()) {
            // Flushing would commit the response, after which no header could be added.
            flushCapturingWriter();
            return;
        }
        super.flushBuffer();
    }

    @Override
    public void resetBuffer() {
        if (isCapturing()) {
            this.body.reset();
        }
        super.resetBuffer();
    }

    @Override
    public void reset() {
        if (isCapturing()) {
            this.body.reset();
            this.headers.clear();
            this.cookieAdded = false;
        }
        super.reset();
    }

    /** Writes to the buffer while capturing, to the client otherwise. */
    private final class CapturingOutputStream extends ServletOutputStream {

        private ServletOutputStream client() throws IOException {
            return getResponse().getOutputStream();
        }

        /** Stops capturing a body that would grow past the largest page stored, sending what it has so far. */
        private void releaseIfTooLarge(int adding) throws IOException {
            if (isCapturing() && PageCapture.this.body.size() + (long) adding > PageCapture.this.maxPageBytes) {
                sendBuffered();
            }
        }

        @Override
        public void write(int b) throws IOException {
            releaseIfTooLarge(1);
            if (isCapturing()) {
                PageCapture.this.body.write(b);
            }
            else {
                client().write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            releaseIfTooLarge(length);
            if (isCapturing()) {
                PageCapture.this.body.write(bytes, offset, length);
            }
            else {
                client().write(bytes, offset, length);
            }
        }

        @Override
        public void flush() throws IOException {
            if (!isCapturing()) {
                client().flush();
            }
        }

        @Override
        public boolean isReady() {
            try {
                return isCapturing() || client().isReady();
            }
            catch (IOException ex) {
                return false;
            }
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            try {
                client().setWriteListener(listener);
            }
            catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
    }
}
