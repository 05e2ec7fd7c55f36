package dev.locmem.cache.redis.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A connection factory that counts the commands its connections send, outside pipelines: each is one round trip to
 * the server. A Lua script counts once, however many commands it runs on the server, which is why the server's own
 * {@code INFO commandstats} cannot tell round trips.
 */
public final class CountingConnectionFactory implements RedisConnectionFactory {

    /** What a connection does without talking to the server, or only to set itself up or tear itself down. */
    private static final Set<String> NOT_COMMANDS = Set.of("close", "isClosed", "getNativeConnection", "isQueueing",
            "isPipelined", "isSubscribed", "getSubscription", "getSentinelConnection", "toString", "hashCode",
            "equals");

    private final LettuceConnectionFactory delegate;

    private final AtomicLong commands = new AtomicLong();

    /**
     * Counts the commands of the connections of {@code delegate}, which the caller starts and destroys.
     * @param delegate the factory of the connections
     */
    public CountingConnectionFactory(LettuceConnectionFactory delegate) {
        this.delegate = delegate;
    }

    /**
     * The commands sent so far.
     * @return their count
     */
    public long commands() {
        return this.commands.get();
    }

    @Override
    public RedisConnection getConnection() {
        return counting(RedisConnection.class, this.delegate.getConnection());
    }

    @Override
    public RedisClusterConnection getClusterConnection() {
        throw new UnsupportedOperationException("Not a cluster");
    }

    @Override
    public boolean getConvertPipelineAndTxResults() {
        return this.delegate.getConvertPipelineAndTxResults();
    }

    @Override
    public RedisSentinelConnection getSentinelConnection() {
        throw new UnsupportedOperationException("Not a sentinel");
    }

    @Override
    public DataAccessException translateExceptionIfPossible(RuntimeException ex) {
        return this.delegate.translateExceptionIfPossible(ex);
    }

    private <T> T counting(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(method, target, args);
            // stringCommands(), scriptingCommands(), ...: the command comes with the next call, on what they return.
            if (isCommandGroup(method)) {
                return countingGroup(method.getReturnType(), result);
            }
            if (!NOT_COMMANDS.contains(method.getName())) {
                this.commands.incrementAndGet();
            }
            return result;
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
    }

    @SuppressWarnings("unchecked")
    private <T> T countingGroup(Class<T> type, Object target) {
        return counting(type, (T) target);
    }

    private static boolean isCommandGroup(Method method) {
        return method.getParameterCount() == 0 && method.getName().endsWith("Commands")
                && method.getReturnType().isInterface();
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}
