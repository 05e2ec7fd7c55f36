package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;

import io.lettuce.core.cluster.ClusterClientOptions;
import org.junit.jupiter.api.Test;

/**
 * Locations as users write them, turned into Lettuce connection factories; nothing here connects (connecting is lazy),
 * so these tests need no server.
 */
class RedisLocationTest {

    @Test
    void aRedisUriNamesHostPortAndDatabase() {
        assertThat(RedisLocation.parse("redis://cache.internal:6380/3").description())
                .isEqualTo("Redis at cache.internal:6380/3");
    }

    @Test
    void theDefaultPortAndDatabaseAreRedissOwn() {
        assertThat(RedisLocation.parse("redis://cache.internal").description())
                .isEqualTo("Redis at cache.internal:6379/0");
    }

    @Test
    void aPasswordIsUsedButNeverNamed() {
        RedisLocation location = RedisLocation.parse("redis://:s3cret@cache.internal:6379/0");
        assertThat(location.description()).doesNotContain("s3cret");
        try (RedisLocation.Opened opened = location.open(Duration.ofSeconds(1), null)) {
            assertThat(opened.factory.getPassword()).isEqualTo("s3cret");
        }
    }

    @Test
    void aRedissUriConnectsWithTls() {
        try (RedisLocation.Opened opened = RedisLocation.parse("rediss://cache.internal:6380/0")
                .open(Duration.ofSeconds(1), null)) {
            assertThat(opened.factory.isUseSsl()).isTrue();
        }
    }

    @Test
    void aSentinelUriConnectsThroughItsSentinels() {
        RedisLocation location = RedisLocation.parse("redis-sentinel://s1:26379,s2:26380/2#primary");
        assertThat(location.description()).isEqualTo("Redis Sentinel master 'primary' via s1:26379,s2:26380 "
                + "(database 2)");
        try (RedisLocation.Opened opened = location.open(Duration.ofSeconds(1), null)) {
            assertThat(opened.factory.isRedisSentinelAware()).isTrue();
            assertThat(opened.factory.getSentinelConfiguration().getSentinels()).hasSize(2);
        }
    }

    @Test
    void theCommandTimeoutAppliesToTheConnection() {
        try (RedisLocation.Opened opened = RedisLocation.parse("redis://localhost")
                .open(Duration.ofMillis(750), null)) {
            assertThat(opened.factory.getClientConfiguration().getCommandTimeout()).isEqualTo(Duration.ofMillis(750));
        }
    }

    @Test
    void somethingElseIsRefusedSayingWhatIsExpected() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisLocation.parse("localhost:6379"))
                .withMessageContaining("expected redis://host:port/db");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisLocation.parse("redis://localhost:port/0"))
                .withMessageContaining("port that is not a number");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisLocation.parse("redis-socket:///tmp/redis.sock"))
                .withMessageContaining("Unix domain sockets are not supported");
    }

    @Test
    void aListOfSeedNodesIsACluster() {
        RedisLocation location = RedisLocation.parse("redis://10.0.0.1:7000, redis://10.0.0.2:7001,redis://10.0.0.3");
        assertThat(location.isCluster()).isTrue();
        assertThat(location.description()).isEqualTo("Redis Cluster via 10.0.0.1:7000,10.0.0.2:7001,10.0.0.3:6379");
    }

    @Test
    void aClusterClientFollowsTheTopology() {
        try (RedisLocation.Opened opened = RedisLocation.parse("redis://10.0.0.1:7000,redis://10.0.0.2:7001")
                .open(Duration.ofSeconds(1), null)) {
            assertThat(opened.factory.isClusterAware()).isTrue();
            ClusterClientOptions options = (ClusterClientOptions) opened.factory.getClientConfiguration()
                    .getClientOptions().orElseThrow();
            assertThat(options.getTopologyRefreshOptions().isPeriodicRefreshEnabled()).isTrue();
            assertThat(options.getTopologyRefreshOptions().getAdaptiveRefreshTriggers()).isNotEmpty();
            assertThat(options.getTopologyRefreshOptions().getAdaptiveRefreshTimeout())
                    .isEqualTo(RedisLocation.ADAPTIVE_REFRESH_LIMIT);
        }
    }

    @Test
    void aClusterSeedWithADatabaseIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisLocation.parse("redis://10.0.0.1:7000/2,redis://10.0.0.2:7001"))
                .withMessageContaining("names database 2, but a cluster has database 0 only");
    }

    @Test
    void aClusterSeedOfAnotherSchemeIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisLocation.parse("redis://10.0.0.1:7000,rediss://10.0.0.2:7001"))
                .withMessageContaining("seeds mix redis:// and rediss://");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisLocation.parse("redis://10.0.0.1:7000,10.0.0.2:7001"))
                .withMessageContaining("seed '10.0.0.2:7001' is not a redis:// or rediss:// URI");
    }
}
