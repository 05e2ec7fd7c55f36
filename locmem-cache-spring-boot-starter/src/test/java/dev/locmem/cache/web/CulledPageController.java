package dev.locmem.cache.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** A handler whose pages live in an alias named {@code small}, which the application configures to cull. */
@RestController
class CulledPageController {

    private final Invocations invocations;

    CulledPageController(Invocations invocations) {
        this.invocations = invocations;
    }

    @CachePage(timeout = 60, cache = "small")
    @GetMapping("/pages/small")
    String small(HttpServletRequest request) {
        return "page " + this.invocations.record(request);
    }
}
