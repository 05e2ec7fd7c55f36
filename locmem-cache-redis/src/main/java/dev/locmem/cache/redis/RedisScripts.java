package dev.locmem.cache.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.ReturnType;

/**
 * The Lua scripts behind the operations that Django makes atomic and Redis has no single command for. A script runs
 * atomically on the server: nothing else happens between its commands.
 */
final class RedisScripts {

    /**
     * {@code incr}: adds to an integer only if the key exists, keeping its TTL ({@code INCRBY} never changes it).
     * Replies {@code {0}} for a missing key, {@code {1, value}} on success, and {@code {2, error}} when Redis refused
     * ("not an integer", "would overflow"), so that the caller can tell those apart without parsing a script error.
     */
    static final RedisScripts.Script INCR = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
            local ok, result = pcall(redis.call, 'INCRBY', KEYS[1], ARGV[1])
            if ok then return {1, result} end
            return {2, result['err'] or tostring(result)}
            """);

    /**
     * {@code incr} of an integer that was stored serialized (a {@code Long} that fits an {@code int}, a
     * {@code Short}, ...): if the key still holds exactly the bytes the caller read ({@code ARGV[1]}), replaces them
     * with the same number as a Redis integer ({@code ARGV[2]}), keeping the TTL, and adds {@code ARGV[3]}. Replies as
     * {@link #INCR} does, or {@code {3}} when the value changed since it was read, so the caller starts over. On an
     * error the serialized bytes are put back, so a failed {@code incr} changes nothing.
     */
    static final RedisScripts.Script CONVERT_AND_INCR = new Script("""
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {3} end
            redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
            local ok, result = pcall(redis.call, 'INCRBY', KEYS[1], ARGV[3])
            if ok then return {1, result} end
            redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
            return {2, result['err'] or tostring(result)}
            """);

    /** {@code touch} to {@code NEVER}: {@code PERSIST} alone cannot tell a missing key from one without a TTL. */
    static final RedisScripts.Script PERSIST_IF_EXISTS = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('PERSIST', KEYS[1])
            return 1
            """);

    /**
     * {@code incrVersion}: moves the value from {@code KEYS[1]} to {@code KEYS[2]} with {@code RENAME} and gives it
     * the timeout {@code ARGV[1]} in milliseconds ({@code -1}: none, {@code 0}: expired, so the value is dropped),
     * as Django's generic algorithm does with the default timeout, but in one step. Replies 0 for a missing key.
     */
    static final RedisScripts.Script MOVE_VERSION = new Script("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            redis.call('RENAME', KEYS[1], KEYS[2])
            local ttl = tonumber(ARGV[1])
            if ttl == 0 then
              redis.call('DEL', KEYS[2])
            elseif ttl < 0 then
              redis.call('PERSIST', KEYS[2])
            else
              redis.call('PEXPIRE', KEYS[2], ARGV[1])
            end
            return 1
            """);

    /**
     * {@code incrVersion} across cluster slots, its last step: deletes {@code KEYS[1]} only if it still holds
     * {@code ARGV[1]}, the value that was moved, so that a value another caller set meanwhile is kept. Replies 1 when
     * it deleted the key.
     */
    static final RedisScripts.Script DELETE_IF_EQUAL = new Script("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    /**
     * {@code getOrSet}'s step after a miss and a load, in one round trip: {@code SET ... NX} of the loaded value
     * ({@code ARGV[1]}) with the timeout {@code ARGV[2]} in milliseconds ({@code -1}: none), and, when another caller
     * stored a value first, that value. Replies {@code {1}} when the loaded value was stored, {@code {0, value}} when
     * the key held one, and {@code {0}} when it held one that expired in between: Django's add-then-get, where the
     * value that is stored wins. ({@code SET ... NX GET} would do it in one command, but only from Redis 7.0.)
     */
    static final RedisScripts.Script ADD_OR_GET = new Script("""
            local added
            if tonumber(ARGV[2]) < 0 then
              added = redis.call('SET', KEYS[1], ARGV[1], 'NX')
            else
              added = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
            end
            if added then return {1} end
            local stored = redis.call('GET', KEYS[1])
            if stored then return {0, stored} end
            return {0}
            """);

    /**
     * A near cache's fill: the value of {@code KEYS[1]} and its remaining time to live in milliseconds
     * ({@code PTTL}: {@code -1} for none), read together so that the copy kept in memory never outlives the server's.
     * Replies {@code {}} for a missing key and {@code {ttl, value}} otherwise.
     */
    static final RedisScripts.Script GET_WITH_TTL = new Script("""
            local stored = redis.call('GET', KEYS[1])
            if not stored then return {} end
            return {redis.call('PTTL', KEYS[1]), stored}
            """);

    /**
     * A near cache's fill of many keys: for each of {@code KEYS}, in order, its remaining time to live in milliseconds
     * and its value, as {@link #GET_WITH_TTL} reads one; a missing key gives {@code -2} (what {@code PTTL} says of
     * one) and a nil value, so that the reply keeps two places per key.
     */
    static final RedisScripts.Script GET_MANY_WITH_TTL = new Script("""
            local reply = {}
            for _, key in ipairs(KEYS) do
              local stored = redis.call('GET', key)
              if stored then
                reply[#reply + 1] = redis.call('PTTL', key)
                reply[#reply + 1] = stored
              else
                reply[#reply + 1] = -2
                reply[#reply + 1] = false
              end
            end
            return reply
            """);

    private RedisScripts() {
    }

    /** A script, run by its SHA-1 ({@code EVALSHA}) and sent in full only when the server does not know it yet. */
    static final class Script {

        private final byte[] source;

        private final String sha1;

        Script(String source) {
            this.source = source.getBytes(StandardCharsets.UTF_8);
            this.sha1 = sha1(this.source);
        }

        <T> T run(RedisConnection connection, ReturnType returnType, int numKeys, byte[]... keysAndArgs) {
            try {
                return connection.scriptingCommands().evalSha(this.sha1, returnType, numKeys, keysAndArgs);
            }
            catch (RuntimeException ex) {
                if (!isNoScript(ex)) {
                    throw ex;
                }
                // The server has not seen the script since it started (or SCRIPT FLUSH): EVAL loads it.
                return connection.scriptingCommands().eval(this.source, returnType, numKeys, keysAndArgs);
            }
        }

        /**
         * Runs the script by sending it in full ({@code EVAL}): one round trip always, for an operation whose count
         * of round trips is promised, at the cost of the script's bytes on each call.
         */
        <T> T runInFull(RedisConnection connection, ReturnType returnType, int numKeys, byte[]... keysAndArgs) {
            return connection.scriptingCommands().eval(this.source, returnType, numKeys, keysAndArgs);
        }

        private static boolean isNoScript(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
                if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
                    return true;
                }
            }
            return false;
        }

        private static String sha1(byte[] source) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source));
            }
            catch (NoSuchAlgorithmException ex) {
                throw new IllegalStateException("SHA-1 is required of every Java platform", ex);
            }
        }
    }
}
