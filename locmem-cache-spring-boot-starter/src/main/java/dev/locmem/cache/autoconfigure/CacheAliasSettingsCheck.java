package dev.locmem.cache.autoconfigure;

import java.util.Arrays;
import java.util.Objects;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;

import dev.locmem.cache.CacheBackendProvider;

/**
 * Checks {@code app.caches} once every bean is defined and before any is created, so that a mistake in the cache
 * settings fails start-up within the first second or two rather than after whatever the application does while
 * starting: an application that fills its data source at start-up would otherwise report a typo only after the data
 * load. See {@link CacheAliasSettings#check}; what needs beans (a key function that is a bean, a backend that only a
 * {@link CacheBackendProvider} bean serves) is checked when {@link CacheAliasSettings} is created, as before.
 */
final class CacheAliasSettingsCheck implements BeanFactoryPostProcessor, Ordered {

    /** The class that defines the starter's own {@code redis} provider bean, by name: it may not be loadable. */
    private static final String REDIS_CONFIGURATION = "dev.locmem.cache.autoconfigure.LocMemCacheRedisConfiguration";

    private final Environment environment;

    CacheAliasSettingsCheck(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // Types from definitions only (no eager initialization): nothing is created here.
        String[] providers = beanFactory.getBeanNamesForType(CacheBackendProvider.class, true, false);
        boolean applicationProviders = Arrays.stream(providers)
            .anyMatch((name) -> !isStartersRedisProvider(beanFactory, name));
        CacheAliasSettings.check(this.environment, beanFactory::containsBean, applicationProviders);
    }

    /** The starter's own provider serves {@code redis}, which is known without it; any other provider bean may not. */
    private static boolean isStartersRedisProvider(ConfigurableListableBeanFactory beanFactory, String name) {
        if (!LocMemCacheRedisConfiguration.PROVIDER_BEAN_NAME.equals(name) || !beanFactory.containsBeanDefinition(name)) {
            return false;
        }
        BeanDefinition definition = beanFactory.getBeanDefinition(name);
        MethodMetadata method = (definition instanceof AnnotatedBeanDefinition annotated)
                ? annotated.getFactoryMethodMetadata() : null;
        return method != null && REDIS_CONFIGURATION.equals(method.getDeclaringClassName());
    }

    @Override
    public int getOrder() {
        // Before other post-processors of the same kind: the sooner a typo is reported, the better.
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
