package dev.locmem.sample;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sales report query: the expensive one. Every statement is counted by the {@link QueryCounter}. */
@Repository
public class SalesReportRepository {

    private final JdbcClient jdbc;

    private final QueryCounter queries;

    SalesReportRepository(JdbcClient jdbc, QueryCounter queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /**
     * The five authors whose books of a genre earned most in a year: a scan of every sale, joined to its book and
     * author, grouped by author.
     * @param genre the genre
     * @param year the year
     * @return at most five authors, best first
     */
    public List<AuthorSales> topAuthors(String genre, int year) {
        this.queries.count();
        return List.copyOf(this.jdbc.sql("""
                SELECT a.id AS author_id, a.name AS author,
                       SUM(s.quantity) AS copies, SUM(s.quantity * s.unit_price) AS revenue
                FROM sale s
                JOIN book b ON b.id = s.book_id
                JOIN author a ON a.id = b.author_id
                WHERE b.genre = ? AND s.sold_on >= ? AND s.sold_on < ?
                GROUP BY a.id, a.name
                ORDER BY revenue DESC, a.id
                LIMIT 5
                """)
                .params(genre, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1))
                .query(AuthorSales.class)
                .list());
    }
}
