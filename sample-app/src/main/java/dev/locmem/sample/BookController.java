package dev.locmem.sample;

import java.math.BigDecimal;
import java.util.Optional;

import dev.locmem.sample.QueryCounter.Measured;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /books/{id}}: read a book (cached), change its price (puts the new book in the cache), delete it (evicts
 * it). Each response says how many database queries it ran.
 */
@RestController
@RequestMapping("/books")
class BookController {

    private final BookCatalog catalog;

    private final PageViews pageViews;

    private final QueryCounter queries;

    BookController(BookCatalog catalog, PageViews pageViews, QueryCounter queries) {
        this.catalog = catalog;
        this.pageViews = pageViews;
        this.queries = queries;
    }

    @GetMapping("/{id}")
    ResponseEntity<BookResponse> find(@PathVariable long id) {
        Measured<Optional<Book>> found = this.queries.measure("GET /books/" + id, () -> this.catalog.find(id));
        if (found.value().isEmpty()) {
            return ResponseEntity.status(404).body(BookResponse.of(null, 0L, found));
        }
        Long views = this.pageViews.record("book:" + id);
        return ResponseEntity.ok(BookResponse.of(found.value().get(), views, found));
    }

    @PutMapping("/{id}/price")
    ResponseEntity<PriceChanged> changePrice(@PathVariable long id, @RequestBody PriceChange change) {
        if (change.price() == null || change.price().signum() < 0) {
            return ResponseEntity.badRequest().build();
        }
        Measured<Optional<Book>> changed = this.queries.measure("PUT /books/" + id + "/price",
                () -> this.catalog.changePrice(id, change.price()));
        return ResponseEntity.status(changed.value().isPresent() ? 200 : 404).body(new PriceChanged(
                changed.value().orElse(null), changed.databaseQueries(), changed.elapsedMillis()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        Measured<Boolean> deleted = this.queries.measure("DELETE /books/" + id, () -> this.catalog.delete(id));
        return deleted.value() ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    /**
     * The body of {@code PUT /books/{id}/price}.
     * @param price the new price
     */
    record PriceChange(BigDecimal price) {
    }

    /**
     * The answer to {@code PUT /books/{id}/price}.
     * @param book the changed book, {@code null} when there is none
     * @param databaseQueries the database queries this request ran
     * @param elapsedMillis how long the change took
     */
    record PriceChanged(Book book, long databaseQueries, long elapsedMillis) {
    }

    /**
     * A book, its page views, and what reading it cost.
     * @param book the book, {@code null} when there is none
     * @param views the views of the book's page, counted with the low-level API; {@code null} while the cache cannot
     *     be reached
     * @param databaseQueries the database queries this request ran: 0 when the book came from the cache
     * @param elapsedMillis how long getting the book took
     */
    record BookResponse(Book book, Long views, long databaseQueries, long elapsedMillis) {

        static BookResponse of(Book book, Long views, Measured<?> measured) {
            return new BookResponse(book, views, measured.databaseQueries(), measured.elapsedMillis());
        }
    }
}
