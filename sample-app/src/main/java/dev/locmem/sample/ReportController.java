package dev.locmem.sample;

import java.util.List;

import dev.locmem.sample.QueryCounter.Measured;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /reports/top-authors?genre=fantasy&year=2024}: the expensive, cached report. */
@RestController
class ReportController {

    private final SalesReports reports;

    private final QueryCounter queries;

    ReportController(SalesReports reports, QueryCounter queries) {
        this.reports = reports;
        this.queries = queries;
    }

    @GetMapping("/reports/top-authors")
    ReportResponse topAuthors(@RequestParam String genre, @RequestParam int year) {
        Measured<List<AuthorSales>> report = this.queries.measure(
                "GET /reports/top-authors?genre=" + genre + "&year=" + year, () -> this.reports.topAuthors(genre, year));
        return new ReportResponse(genre, year, report.value(), report.databaseQueries(), report.elapsedMillis());
    }

    /**
     * A report and what getting it cost.
     * @param genre the genre
     * @param year the year
     * @param topAuthors the five authors whose books of that genre earned most that year
     * @param databaseQueries the database queries this request ran: 0 when the report came from the cache
     * @param elapsedMillis how long getting the report took
     */
    record ReportResponse(String genre, int year, List<AuthorSales> topAuthors, long databaseQueries,
            long elapsedMillis) {
    }
}
