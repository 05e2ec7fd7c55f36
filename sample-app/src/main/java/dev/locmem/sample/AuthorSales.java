package dev.locmem.sample;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One line of a sales report: what an author's books sold.
 * @param authorId the author's id
 * @param author the author's name
 * @param copies the copies sold
 * @param revenue what they sold for
 */
public record AuthorSales(long authorId, String author, long copies, BigDecimal revenue) implements Serializable {
}
