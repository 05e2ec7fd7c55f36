package dev.locmem.cache.web;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page cache behind Spring Security with basic authentication: a page rendered for one user is never served to
 * another, and an anonymous page is served only to anonymous requests. The security filter chain is registered at
 * the order Spring Boot gives it ({@code spring.security.filter.order}, -100), ahead of the page cache's filter.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.caches.default.timeout=300")
class PageCacheSecurityTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSecurity
    @Import(SecuredPages.class)
    static class SecuredApplication {

        @Bean
        Invocations invocations() {
            return new Invocations();
        }

        @Bean
        SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**").permitAll()
                .anyRequest().authenticated())
                // The login is kept in the HTTP session, so that later requests are known by their cookie alone: the
                // case of Django's trap, a session user whose page must not reach anyone else.
                .httpBasic((basic) -> basic.securityContextRepository(new HttpSessionSecurityContextRepository()))
                .build();
        }

        @Bean
        FilterRegistrationBean<FilterChainProxy> securityFilterChainRegistration(FilterChainProxy springSecurityFilterChain) {
            FilterRegistrationBean<FilterChainProxy> registration = new FilterRegistrationBean<>(springSecurityFilterChain);
            registration.setOrder(-100);
            return registration;
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}alice-pw").roles("USER").build(),
                    User.withUsername("bob").password("{noop}bob-pw").roles("USER").build());
        }
    }

    @RestController
    static class SecuredPages {

        private final Invocations invocations;

        SecuredPages(Invocations invocations) {
            this.invocations = invocations;
        }

        @CachePage(timeout = 60)
        @GetMapping("/me")
        String me(HttpServletRequest request) {
            this.invocations.record(request);
            return "page of " + request.getUserPrincipal().getName();
        }

        @CachePage(timeout = 60)
        @GetMapping("/public/greeting")
        String greeting(HttpServletRequest request) {
            this.invocations.record(request);
            return "hello " + ((request.getUserPrincipal() != null) ? request.getUserPrincipal().getName() : "guest");
        }
    }

    @Autowired
    private Invocations invocations;

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void client() {
        this.http = new Http("localhost", this.port);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void twoUsersNeverSeeEachOthersPage() throws Exception {
        String uri = "/me?case=two-users";
        assertThat(this.http.get(uri, "Authorization", basic("alice", "alice-pw")).body()).isEqualTo("page of alice");
        assertThat(this.http.get(uri, "Authorization", basic("bob", "bob-pw")).body()).isEqualTo("page of bob");
        assertThat(this.http.get(uri, "Authorization", basic("alice", "alice-pw")).body()).isEqualTo("page of alice");
        assertThat(this.invocations.of(uri)).isEqualTo(3);
    }

    @Test
    void anUnauthenticatedRequestIsRefusedBySecurityEvenWhenAUsersPageWasRendered() throws Exception {
        String uri = "/me?case=anonymous";
        this.http.get(uri, "Authorization", basic("alice", "alice-pw"));
        HttpResponse<String> anonymous = this.http.get(uri);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("alice");
    }

    @Test
    void anAnonymousPageIsServedFromTheCacheToAnonymousRequestsOnly() throws Exception {
        String uri = "/public/greeting?case=guest";
        assertThat(this.http.get(uri).body()).isEqualTo("hello guest");
        assertThat(this.http.get(uri).body()).isEqualTo("hello guest");
        assertThat(this.invocations.of(uri)).isEqualTo(1);
        assertThat(this.http.get(uri, "Authorization", basic("bob", "bob-pw")).body()).isEqualTo("hello bob");
        assertThat(this.invocations.of(uri)).isEqualTo(2);
    }

    /** Logs in once with the user's password and returns the session cookie that then stands for the user. */
    private String sessionOf(String user, String password) throws Exception {
        HttpResponse<String> login = this.http.get("/me?case=login-" + user, "Authorization", basic(user, password));
        return login.headers().allValues("Set-Cookie").stream().filter((cookie) -> cookie.startsWith("JSESSIONID="))
            .map((cookie) -> cookie.substring(0, cookie.indexOf(';'))).findFirst().orElseThrow();
    }

    @Test
    void twoUsersKnownOnlyByTheirSessionCookieNeverSeeEachOthersPage() throws Exception {
        String alice = sessionOf("alice", "alice-pw");
        String bob = sessionOf("bob", "bob-pw");
        String uri = "/me?case=sessions";
        assertThat(this.http.get(uri, "Cookie", alice).body()).isEqualTo("page of alice");
        assertThat(this.http.get(uri, "Cookie", bob).body()).isEqualTo("page of bob");
        assertThat(this.http.get(uri, "Cookie", alice).body()).isEqualTo("page of alice");
        assertThat(this.http.get(uri).statusCode()).isEqualTo(401);
        assertThat(this.invocations.of(uri)).isEqualTo(3);
    }
}
