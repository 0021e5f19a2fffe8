package io.pmtuwatch.embedded;

import com.sun.security.auth.module.UnixSystem;

/** Who the test JVM runs as: decides whether root-only tests run and how Elasticsearch is started. */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** True when the effective user is root (uid 0), whatever the account is called. */
    public static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    /** The account name, for directory names that must not clash between users on one machine. */
    public static String name() {
        return new UnixSystem().getUsername();
    }
}
