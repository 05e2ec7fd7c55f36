package dev.locmem.cache.web;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** Handlers with the page cache's annotations; each counts its invocations and says which one made the page. */
@RestController
@RequestMapping("/pages")
class PageTestController {

    private final Invocations invocations;

    PageTestController(Invocations invocations) {
        this.invocations = invocations;
    }

    private String page(HttpServletRequest request) {
        return "page " + this.invocations.record(request);
    }

    @CachePage(timeout = 60)
    @GetMapping("/cached")
    ResponseEntity<String> cached(HttpServletRequest request) {
        return ResponseEntity.ok().contentType(MediaType.valueOf("text/plain;charset=UTF-8"))
            .header("X-Page", "kept").body(page(request));
    }

    @GetMapping("/plain")
    String plain(HttpServletRequest request) {
        return page(request);
    }

    @CachePage(timeout = 60)
    @RequestMapping(path = "/any-method", method = { RequestMethod.GET, RequestMethod.POST })
    String anyMethod(HttpServletRequest request) {
        return page(request);
    }

    @CachePage(timeout = 60)
    @GetMapping("/status")
    ResponseEntity<String> status(@RequestParam int code, HttpServletRequest request) {
        return ResponseEntity.status(code).body(page(request));
    }

    @CachePage(timeout = 60)
    @GetMapping("/cookie")
    String cookie(HttpServletRequest request, HttpServletResponse response) {
        response.addCookie(new Cookie("visitor", "1"));
        return page(request);
    }

    @CachePage(timeout = 60)
    @GetMapping("/cache-control")
    ResponseEntity<String> cacheControl(@RequestParam String value, HttpServletRequest request) {
        return ResponseEntity.ok().header("Cache-Control", value).body(page(request));
    }

    @CachePage(timeout = 60)
    @VaryOnHeaders("Accept-Language")
    @GetMapping("/language")
    String language(@RequestHeader(name = "Accept-Language", required = false) String language,
            HttpServletRequest request) {
        return page(request) + " in " + language;
    }

    @CachePage(timeout = 60)
    @GetMapping("/tenant")
    ResponseEntity<String> tenant(@RequestHeader(name = "X-Tenant", required = false) String tenant,
            HttpServletRequest request) {
        return ResponseEntity.ok().header("Vary", "X-Tenant").body(page(request) + " for " + tenant);
    }

    @CachePage(timeout = 60)
    @VaryOnCookie
    @GetMapping("/by-cookie")
    String byCookie(HttpServletRequest request) {
        return page(request) + " for " + request.getHeader("Cookie");
    }

    @CachePage(timeout = 60)
    @GetMapping("/vary-star")
    ResponseEntity<String> varyStar(HttpServletRequest request) {
        return ResponseEntity.ok().header("Vary", "*").body(page(request));
    }

    @CachePage(timeout = 60)
    @GetMapping("/validated")
    ResponseEntity<String> validated(HttpServletRequest request) {
        return ResponseEntity.ok().eTag("\"v1\"").header("Last-Modified", "Mon, 07 Dec 2026 10:00:00 GMT")
            .body(page(request));
    }

    @CachePage(timeout = 60, cache = "pages", keyPrefix = "p1")
    @GetMapping("/aliased")
    String aliased(HttpServletRequest request) {
        return page(request);
    }

    @NeverCache
    @GetMapping("/never")
    String never(HttpServletRequest request) {
        return page(request);
    }

    @CachePage(timeout = 60)
    @GetMapping("/streaming")
    StreamingResponseBody streaming(HttpServletRequest request) {
        String body = page(request);
        return (out) -> out.write(body.getBytes());
    }

    @CachePage(timeout = 60)
    @GetMapping("/deferred")
    DeferredResult<String> deferred(HttpServletRequest request) {
        DeferredResult<String> result = new DeferredResult<>();
        String body = page(request);
        CompletableFuture.runAsync(() -> result.setResult(body));
        return result;
    }

    @CachePage(timeout = 60)
    @GetMapping("/events")
    SseEmitter events(HttpServletRequest request) throws IOException {
        SseEmitter emitter = new SseEmitter();
        String body = page(request);
        CompletableFuture.runAsync(() -> {
            try {
                emitter.send(body);
                emitter.complete();
            }
            catch (IOException ex) {
                emitter.completeWithError(ex);
            }
        });
        return emitter;
    }

    @CachePage(timeout = 60)
    @GetMapping("/emitter")
    ResponseBodyEmitter emitter(HttpServletRequest request) {
        ResponseBodyEmitter emitter = new ResponseBodyEmitter();
        String body = page(request);
        CompletableFuture.runAsync(() -> {
            try {
                emitter.send(body, MediaType.TEXT_PLAIN);
                emitter.complete();
            }
            catch (IOException ex) {
                emitter.completeWithError(ex);
            }
        });
        return emitter;
    }

    @CachePage(timeout = 60)
    @GetMapping("/callable")
    Callable<String> callable(HttpServletRequest request) {
        String body = page(request);
        return () -> body;
    }

    /** Answers 304 to a request that holds version "v1", as a handler that checks validators itself does. */
    @CachePage(timeout = 60)
    @GetMapping("/not-modified")
    ResponseEntity<String> notModified(@RequestHeader(name = "If-None-Match", required = false) String ifNoneMatch,
            HttpServletRequest request) {
        String body = page(request);
        if ("\"v1\"".equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpServletResponse.SC_NOT_MODIFIED).eTag("\"v1\"").build();
        }
        return ResponseEntity.ok().eTag("\"v1\"").body(body);
    }

    @CachePage(timeout = 60)
    @GetMapping("/sized")
    String sized(@RequestParam int bytes, HttpServletRequest request) {
        String page = page(request) + " ";
        return page + "x".repeat(Math.max(0, bytes - page.length()));
    }

    /** Writes its page through the response's writer, as a template engine does, rather than through a converter. */
    @CachePage(timeout = 60)
    @GetMapping("/written")
    void written(@RequestParam int chars, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        String page = page(request) + " ";
        response.getWriter().write(page + "x".repeat(Math.max(0, chars - page.length())));
    }
}
