package policybot.adapters.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import policybot.adapters.web.admin.PasswordHash;

/** {@code policybot admin hash-password}: a line for the review console's users file. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "The review console's users.",
        subcommands = AdminCommand.HashPassword.class)
public final class AdminCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "hash-password", mixinStandardHelpOptions = true,
            description = {"Read a password (from the terminal without echo, or one line of standard input) and print "
                    + "its PBKDF2 hash for the users file named by POLICYBOT_ADMIN_USERS, as 'name:hash' lines."})
    static final class HashPassword implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            char[] password;
            Console console = System.console();
            if (console != null) {
                password = console.readPassword("Password (8 characters or more): ");
                char[] again = console.readPassword("The same again: ");
                if (password == null || again == null || !Arrays.equals(password, again)) {
                    spec.commandLine().getErr().println("policybot: the two passwords differ");
                    return 1;
                }
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                password = line == null ? new char[0] : line.toCharArray();
            }
            try {
                spec.commandLine().getOut().println(PasswordHash.create(password).encoded());
                spec.commandLine().getOut().flush();
                return 0;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("policybot: " + e.getMessage());
                return 1;
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }
}
