package dev.locmem.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /stats}: the database queries run since start-up, to compare with the cache's hits and misses. */
@RestController
class StatsController {

    private final QueryCounter queries;

    StatsController(QueryCounter queries) {
        this.queries = queries;
    }

    @GetMapping("/stats")
    Stats stats() {
        return new Stats(this.queries.total());
    }

    /**
     * @param databaseQueries the database queries run since start-up, seeding excluded
     */
    record Stats(long databaseQueries) {
    }
}
