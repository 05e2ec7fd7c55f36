package dev.locmem.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;

/**
 * A bookshop on an embedded H2 database, cached with locmem-cache: {@code @Cacheable} and friends in
 * {@link BookCatalog} and {@link SalesReports}, the low-level API through an alias in {@link PageViews}, and the
 * aliases themselves in {@code application.yml}.
 */
@SpringBootApplication
@EnableCaching
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
