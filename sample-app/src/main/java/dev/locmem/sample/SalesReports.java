package dev.locmem.sample;

import java.util.List;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Sales reports, cached in the Spring cache {@code reports}, which is also an alias in {@code application.yml}: it
 * has its own timeout, max-entries and key prefix.
 */
@Service
public class SalesReports {

    private final SalesReportRepository reports;

    SalesReports(SalesReportRepository reports) {
        this.reports = reports;
    }

    /**
     * The five authors whose books of a genre earned most in a year. {@code sync = true}: when many requests ask for
     * the same report while it is not cached, one of them runs the query and the others wait for its result, instead
     * of all running the same expensive query at once. The key is a string such as {@code fantasy:2024}, so the entry
     * is also the low-level API's {@code caches.get("reports").get("fantasy:2024")}.
     * @param genre the genre
     * @param year the year
     * @return at most five authors, best first
     */
    @Cacheable(cacheNames = "reports", key = "#genre + ':' + #year", sync = true)
    public List<AuthorSales> topAuthors(String genre, int year) {
        return this.reports.topAuthors(genre, year);
    }
}
