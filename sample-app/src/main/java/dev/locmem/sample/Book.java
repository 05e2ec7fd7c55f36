package dev.locmem.sample;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * A book with its author's name and the copies sold so far.
 *
 * <p>Immutable, so the cache can hold the very object it was given; Serializable, so it can also be cached as a copy
 * (the {@code store-by-value} option, as Django pickles values) or in Redis.
 * @param id the book's id
 * @param title its title
 * @param author its author's name
 * @param genre its genre
 * @param price its current price
 * @param copiesSold the copies sold, summed over its sales
 */
public record Book(long id, String title, String author, String genre, BigDecimal price, long copiesSold)
        implements Serializable {
}
