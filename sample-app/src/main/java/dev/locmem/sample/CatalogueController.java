package dev.locmem.sample;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.locmem.cache.web.CachePage;
import dev.locmem.cache.web.VaryOnHeaders;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /catalogue/{genre}}: an HTML page of a genre's first books, in the reader's language, cached whole for a
 * minute as Django's {@code @cache_page(60)} and {@code @vary_on_headers("Accept-Language")} would: one copy per
 * language, served without running this handler or the database query behind it.
 */
@Controller
class CatalogueController {

    /** How many books a page lists. */
    private static final int BOOKS_PER_PAGE = 20;

    /** The page's heading by language; English for any other. */
    private static final Map<String, String> HEADINGS = Map.of("en", "Books", "fr", "Livres", "de", "Bücher");

    private final BookRepository books;

    private final AtomicLong renders = new AtomicLong();

    CatalogueController(BookRepository books) {
        this.books = books;
    }

    @GetMapping(path = "/catalogue/{genre}", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    @CachePage(timeout = 60)
    @VaryOnHeaders("Accept-Language")
    String catalogue(@PathVariable String genre, Locale locale) {
        this.renders.incrementAndGet();
        List<Book> found = this.books.findByGenre(genre, BOOKS_PER_PAGE);
        String heading = HEADINGS.getOrDefault(locale.getLanguage(), HEADINGS.get("en"));
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"").append(HtmlUtils.htmlEscape(locale.getLanguage()))
            .append("\">\n<head><meta charset=\"utf-8\"><title>").append(heading).append(": ")
            .append(HtmlUtils.htmlEscape(genre)).append("</title></head>\n<body>\n<h1>").append(heading)
            .append(": ").append(HtmlUtils.htmlEscape(genre)).append("</h1>\n<ul>\n");
        for (Book book : found) {
            page.append("<li>").append(HtmlUtils.htmlEscape(book.title())).append(", ")
                .append(HtmlUtils.htmlEscape(book.author())).append(": ").append(book.price()).append("</li>\n");
        }
        return page.append("</ul>\n</body>\n</html>\n").toString();
    }

    /**
     * How many times a catalogue page was rendered, for tests: a page served from the page cache is not.
     * @return the count since start-up
     */
    long renders() {
        return this.renders.get();
    }
}
