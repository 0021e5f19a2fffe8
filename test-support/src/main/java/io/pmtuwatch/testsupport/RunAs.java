package io.pmtuwatch.testsupport;

import io.pmtuwatch.embedded.CurrentUser;
import io.pmtuwatch.embedded.FileTrees;
import io.pmtuwatch.embedded.HarnessStartException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The account a server process runs under.
 *
 * <p>Elasticsearch refuses to run as root, and CI runs as root. As root, the harness therefore runs it
 * under an unprivileged system account that it creates when missing; as anyone else, under the
 * current account.
 */
final class RunAs {

    private final String account; // null: the current account
    private final UserPrincipal user;
    private final GroupPrincipal group;

    private RunAs(String account, UserPrincipal user, GroupPrincipal group) {
        this.account = account;
        this.user = user;
        this.group = group;
    }

    static RunAs currentUser() {
        return new RunAs(null, null, null);
    }

    /** The system account {@code name} (with a group of the same name), created if it does not exist. */
    static RunAs systemAccount(String name) {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            try {
                return new RunAs(name, lookup.lookupPrincipalByName(name), lookup.lookupPrincipalByGroupName(name));
            } catch (UserPrincipalNotFoundException missing) {
                createSystemAccount(name);
                return new RunAs(name, lookup.lookupPrincipalByName(name), lookup.lookupPrincipalByGroupName(name));
            }
        } catch (IOException e) {
            throw new HarnessStartException("Could not look up or create the system user '" + name + "': " + e
                    + ". Create it yourself (`useradd --system --user-group " + name + "`) or run the tests as"
                    + " a non-root user.", e);
        }
    }

    /** Who runs the server, for log lines. */
    String describe() {
        return account != null ? account : CurrentUser.name();
    }

    /** The command, prefixed so that it runs under this account. */
    List<String> wrap(List<String> command) {
        if (account == null) {
            return command;
        }
        // setpriv (util-linux) switches ids and then execs: no extra process stays in between, and
        // the environment we set is passed on unchanged.
        List<String> wrapped = new ArrayList<>(List.of(
                "setpriv", "--reuid=" + account, "--regid=" + account, "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Makes a directory tree writable for this account (nothing to do for the current account). */
    void giveOwnership(Path root) throws IOException {
        if (account != null) {
            FileTrees.changeOwner(root, user, group);
        }
    }

    private static void createSystemAccount(String name) throws IOException {
        Process useradd = new ProcessBuilder("useradd", "--system", "--user-group", "--no-create-home",
                "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name)
                .redirectErrorStream(true)
                .start();
        try (InputStream out = useradd.getInputStream()) {
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!useradd.waitFor(60, TimeUnit.SECONDS)) {
                useradd.destroyForcibly();
                throw new IOException("useradd did not finish within 60 s");
            }
            // Exit 9: the account exists, e.g. another test JVM created it a moment ago.
            if (useradd.exitValue() != 0 && useradd.exitValue() != 9) {
                throw new IOException("useradd exited with " + useradd.exitValue() + ": " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while creating the system user " + name, e);
        }
    }
}
