package dev.locmem.cache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures the key warnings that backends log through {@code System.Logger} "dev.locmem.cache.CacheKeyWarning",
 * which the JDK routes to {@code java.util.logging}, and keeps them off the console while capturing.
 */
final class KeyWarningCapture implements AutoCloseable {

    // Held for the capture's lifetime: java.util.logging keeps loggers only weakly.
    private final Logger logger = Logger.getLogger("dev.locmem.cache.CacheKeyWarning");

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            KeyWarningCapture.this.records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final boolean useParentHandlers;

    private KeyWarningCapture() {
        this.useParentHandlers = this.logger.getUseParentHandlers();
        this.logger.setUseParentHandlers(false);
        this.logger.addHandler(this.handler);
    }

    static KeyWarningCapture start() {
        return new KeyWarningCapture();
    }

    /** The warnings logged since the capture started. */
    List<LogRecord> records() {
        return this.records;
    }

    @Override
    public void close() {
        this.logger.removeHandler(this.handler);
        this.logger.setUseParentHandlers(this.useParentHandlers);
    }
}
