package dev.locmem.cache;

/**
 * Django's shared cases again, with store-by-value: every value the contract stores is serializable and must come back
 * equal, as Django's pickling gives it back.
 */
class LocMemCacheStoreByValueContractTest extends LocMemCacheContractTest {

    @Override
    boolean storeByValue() {
        return true;
    }
}
