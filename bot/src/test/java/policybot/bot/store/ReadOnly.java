package policybot.bot.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a file or directory really read-only for this process, as the operating system enforces
 * it: write permission removed, or, for root (whom permissions do not stop), the immutable
 * attribute ({@code chattr +i}). A test that cannot get there here is skipped, not passed.
 */
public final class ReadOnly implements AutoCloseable {
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path path;
    private final Set<PosixFilePermission> before;

    private ReadOnly(Path path, Set<PosixFilePermission> before) {
        this.path = path;
        this.before = before;
    }

    public static ReadOnly make(Path path) {
        try {
            Set<PosixFilePermission> before = Files.getPosixFilePermissions(path);
            if (ROOT) {
                chattr("+i", path);
            } else {
                Set<PosixFilePermission> ro = EnumSet.copyOf(before);
                ro.removeAll(Set.of(PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_WRITE,
                        PosixFilePermission.OTHERS_WRITE));
                Files.setPosixFilePermissions(path, ro);
            }
            ReadOnly r = new ReadOnly(path, before);
            if (writable(path)) {
                r.close();
                Assumptions.abort("cannot make " + path + " read-only on this machine");
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a write really goes through (not what access(2) says: that is what is under test). */
    static boolean writable(Path path) {
        try {
            if (Files.isDirectory(path)) {
                Path probe = Files.createTempFile(path, "probe", ".tmp");
                Files.delete(probe);
            } else {
                Files.newOutputStream(path, StandardOpenOption.APPEND).close();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void chattr(String flag, Path path) {
        try {
            Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                Assumptions.abort("chattr " + flag + " " + path + " failed: " + out);
            }
        } catch (IOException e) {
            Assumptions.abort("no chattr here: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writable again, as it was. */
    @Override
    public void close() {
        try {
            if (ROOT) {
                new ProcessBuilder("chattr", "-i", path.toString()).start().waitFor(10, TimeUnit.SECONDS);
            }
            Files.setPosixFilePermissions(path, before);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
