package dev.locmem.sample;

import java.math.BigDecimal;
import java.util.Optional;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.Caching;
import org.springframework.stereotype.Service;

/**
 * Books, cached in the Spring cache {@code books}.
 *
 * <p>{@code books} is not an alias in {@code application.yml}, so it is served with the {@code default} alias's
 * settings (its timeout, its max-entries) in a namespace of its own. The key is the book's id.
 */
@Service
public class BookCatalog {

    private final BookRepository books;

    BookCatalog(BookRepository books) {
        this.books = books;
    }

    /**
     * Reads a book: from the cache when it is there, else from the database, then caches it. A missing book is
     * cached too (as "no such book"), so asking again for it costs no query either.
     * @param id the book's id
     * @return the book, or empty
     */
    @Cacheable("books")
    public Optional<Book> find(long id) {
        return this.books.findById(id);
    }

    /**
     * Changes a book's price and puts the changed book in the cache, so the next read needs no query.
     * @param id the book's id
     * @param price the new price
     * @return the changed book, or empty when there is no such book (then the cache is left as it is)
     */
    @CachePut(cacheNames = "books", key = "#id", unless = "#result == null")
    public Optional<Book> changePrice(long id, BigDecimal price) {
        return this.books.updatePrice(id, price) ? this.books.findById(id) : Optional.empty();
    }

    /**
     * Deletes a book and its sales, then evicts the book from {@code books} and clears {@code reports}, whose
     * figures counted those sales.
     * @param id the book's id
     * @return {@code true} if the book existed
     */
    @Caching(evict = { @CacheEvict("books"), @CacheEvict(cacheNames = "reports", allEntries = true) })
    public boolean delete(long id) {
        return this.books.delete(id);
    }
}
