package dev.locmem.cache;

import dev.locmem.cache.contract.CacheBackendContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Runs Django's shared cases against {@link LocMemCache}, on a fake clock and in stores of its own, so that each test
 * starts empty and no test sleeps.
 */
class LocMemCacheContractTest extends CacheBackendContractTest {

    private final FakeTicker ticker = new FakeTicker();

    private final LocMemStores stores = LocMemStores.create();

    private KeyWarningCapture keyWarnings;

    // The contract's invalid-key cases draw warnings on purpose; LocMemCacheTest checks them, here they are noise.
    @BeforeEach
    void captureKeyWarnings() {
        this.keyWarnings = KeyWarningCapture.start();
    }

    @AfterEach
    void releaseKeyWarnings() {
        this.keyWarnings.close();
    }

    @Override
    protected CacheBackend createBackend(CacheSettings settings) {
        return TestCaches.fromSettings(settings, this.stores, this.ticker, storeByValue());
    }

    @Override
    protected void advanceTime(Duration duration) {
        this.ticker.advance(duration);
    }

    /** Whether the caches store values by value; a subclass runs the whole contract that way. */
    boolean storeByValue() {
        return false;
    }
}
