package dev.locmem.cache.testsupport;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import org.springframework.boot.test.context.FilteredClassLoader;

import dev.locmem.cache.redis.RedisCacheProvider;

/**
 * The test classpath as an application without locmem-cache-redis sees it: the module's classes are hidden, and so is
 * its {@code META-INF/services} registration. Hiding the classes alone is not enough, because
 * {@link java.util.ServiceLoader} would still read the registration and then fail to load the class it names, which
 * an application without the module never sees.
 */
public final class ClassLoaderWithoutRedisModule extends FilteredClassLoader {

    private static final String SERVICES = "META-INF/services/";

    /** Where the module's classes come from on the test classpath: its jar, or its classes folder in a reactor build. */
    private static final String MODULE_LOCATION = RedisCacheProvider.class.getProtectionDomain()
        .getCodeSource()
        .getLocation()
        .toString();

    /**
     * Hides the module and the given packages.
     * @param morePackages packages to hide too, such as Spring Data Redis's
     */
    public ClassLoaderWithoutRedisModule(String... morePackages) {
        super(packages(morePackages));
    }

    private static String[] packages(String... morePackages) {
        String[] packages = new String[morePackages.length + 1];
        packages[0] = RedisCacheProvider.class.getPackageName();
        System.arraycopy(morePackages, 0, packages, 1, morePackages.length);
        return packages;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Enumeration<URL> resources = super.getResources(name);
        if (!name.startsWith(SERVICES)) {
            return resources;
        }
        List<URL> kept = Collections.list(resources)
            .stream()
            .filter((url) -> !url.toString().contains(MODULE_LOCATION))
            .toList();
        return Collections.enumeration(kept);
    }
}
