package dev.locmem.sample;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Books in the database. Every statement is counted by the {@link QueryCounter}. */
@Repository
public class BookRepository {

    private final JdbcClient jdbc;

    private final QueryCounter queries;

    BookRepository(JdbcClient jdbc, QueryCounter queries) {
        this.jdbc = jdbc;
        this.queries = queries;
    }

    /**
     * Reads a book, its author's name and the copies it sold.
     * @param id the book's id
     * @return the book, or empty when there is none with that id
     */
    public Optional<Book> findById(long id) {
        this.queries.count();
        return this.jdbc.sql("""
                SELECT b.id, b.title, a.name AS author, b.genre, b.price,
                       (SELECT COALESCE(SUM(s.quantity), 0) FROM sale s WHERE s.book_id = b.id) AS copies_sold
                FROM book b JOIN author a ON a.id = b.author_id
                WHERE b.id = ?
                """)
                .param(id)
                .query(Book.class)
                .optional();
    }

    /**
     * Reads the first books of a genre by title, for the catalogue page.
     * @param genre the genre, such as {@code fantasy}
     * @param limit how many books at most
     * @return the books, by title
     */
    public List<Book> findByGenre(String genre, int limit) {
        this.queries.count();
        return this.jdbc.sql("""
                SELECT b.id, b.title, a.name AS author, b.genre, b.price,
                       (SELECT COALESCE(SUM(s.quantity), 0) FROM sale s WHERE s.book_id = b.id) AS copies_sold
                FROM book b JOIN author a ON a.id = b.author_id
                WHERE b.genre = ?
                ORDER BY b.title, b.id
                LIMIT ?
                """)
                .params(genre, limit)
                .query(Book.class)
                .list();
    }

    /**
     * Changes a book's price.
     * @param id the book's id
     * @param price the new price
     * @return {@code true} if the book exists
     */
    public boolean updatePrice(long id, BigDecimal price) {
        this.queries.count();
        return this.jdbc.sql("UPDATE book SET price = ? WHERE id = ?").params(price, id).update() == 1;
    }

    /**
     * Deletes a book and its sales, in one transaction.
     * @param id the book's id
     * @return {@code true} if the book existed
     */
    @Transactional
    public boolean delete(long id) {
        this.queries.count();
        this.jdbc.sql("DELETE FROM sale WHERE book_id = ?").param(id).update();
        this.queries.count();
        return this.jdbc.sql("DELETE FROM book WHERE id = ?").param(id).update() == 1;
    }
}
