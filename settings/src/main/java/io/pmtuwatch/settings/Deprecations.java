package io.pmtuwatch.settings;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Warns, once per setting and form, that an old spelling still works but goes in the next release. */
public final class Deprecations {

    private static final Logger LOG = LoggerFactory.getLogger(Deprecations.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private Deprecations() {
    }

    /**
     * @param setting the setting concerned
     * @param old     what was written, e.g. "environment variable KAFKA_BOOTSTRAP_SERVERS"
     * @param instead what to write instead
     */
    public static void warn(String setting, String old, String instead) {
        if (WARNED.add(setting + '\0' + old)) {
            LOG.warn("{}: {} is deprecated and stops working in the next release; write {} instead",
                    setting, old, instead);
        }
    }
}
