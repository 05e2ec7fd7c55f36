package dev.locmem.cache.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A controller whose class says {@code @CachePage}, with one handler that says {@code @NeverCache}. */
@RestController
@CachePage(timeout = 120)
@RequestMapping("/class")
class ClassLevelPageController {

    private final Invocations invocations;

    ClassLevelPageController(Invocations invocations) {
        this.invocations = invocations;
    }

    @GetMapping("/page")
    String page(HttpServletRequest request) {
        return "page " + this.invocations.record(request);
    }

    @NeverCache
    @GetMapping("/never")
    String never(HttpServletRequest request) {
        return "page " + this.invocations.record(request);
    }
}
