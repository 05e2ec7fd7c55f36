package dev.locmem.cache.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CacheControlDirectives}: directive by directive, in any case and spacing, with quoted arguments. */
class CacheControlDirectivesTests {

    private static CacheControlDirectives parse(String... values) {
        return CacheControlDirectives.parse(List.of(values));
    }

    @Test
    void namesAreMatchedInAnyCase() {
        assertThat(parse("Public, MAX-AGE=60").has("public")).isTrue();
        assertThat(parse("Public, MAX-AGE=60").seconds("max-age")).hasValue(60);
    }

    @Test
    void spacesAroundCommasAndEqualsAreIgnored() {
        assertThat(parse("  max-age = 30 ,  no-store  ").seconds("max-age")).hasValue(30);
        assertThat(parse("  max-age = 30 ,  no-store  ").forbidSharedCache()).isTrue();
    }

    @Test
    void aCommaInsideAQuotedArgumentDoesNotEndTheDirective() {
        CacheControlDirectives directives = parse("no-cache=\"Set-Cookie, X-User\", max-age=5");
        assertThat(directives.has("x-user\"")).isFalse();
        assertThat(directives.seconds("max-age")).hasValue(5);
        assertThat(directives.forbidSharedCache()).isTrue();
    }

    @Test
    void aDirectiveNameInsideAQuotedArgumentIsNoDirective() {
        assertThat(parse("public, x-note=\"private\"").forbidSharedCache()).isFalse();
    }

    @Test
    void aQuotedNumberIsANumber() {
        assertThat(parse("max-age=\"20\"").seconds("max-age")).hasValue(20);
    }

    @Test
    void severalHeadersAddUp() {
        assertThat(parse("public", "s-maxage=7").sharedMaxAge()).hasValue(7);
    }

    @Test
    void sMaxAgeComesBeforeMaxAgeForASharedCache() {
        assertThat(parse("max-age=60, s-maxage=10").sharedMaxAge()).hasValue(10);
        assertThat(parse("max-age=60").sharedMaxAge()).hasValue(60);
    }

    @Test
    void aMaxAgeThatIsNoNumberIsIgnored() {
        assertThat(parse("max-age=soon").sharedMaxAge()).isEmpty();
        assertThat(parse("max-age=-1").sharedMaxAge()).isEmpty();
    }

    @Test
    void publicOrSMaxAgeAllowSharingBetweenAuthorizedRequests() {
        assertThat(parse("public").allowsAuthorizedSharing()).isTrue();
        assertThat(parse("s-maxage=5").allowsAuthorizedSharing()).isTrue();
        assertThat(parse("max-age=5").allowsAuthorizedSharing()).isFalse();
    }

    @Test
    void noHeaderHasNoDirectives() {
        assertThat(CacheControlDirectives.parse(List.of()).forbidSharedCache()).isFalse();
        assertThat(CacheControlDirectives.parse(List.of()).sharedMaxAge()).isEmpty();
    }
}
