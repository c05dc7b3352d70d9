package org.customssentinel.cli.http;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.customssentinel.streams.query.access.HttpUsers;
import org.customssentinel.streams.query.access.PasswordHash;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Adds a user to a users file, or gives an existing one a new password. */
@Command(name = "add", mixinStandardHelpOptions = true,
        header = "Add a user (or set a user's new password) in a query API users file.",
        description = {"Asks for the password twice on the terminal, or reads one line from stdin with --password-stdin.",
                "With --token, also makes a random bearer token, prints it once, and keeps only its hash.",
                "Every user may read; --role triage also lets the user give alerts a verdict (dashboard, `sentinel triage`).",
                "The file is written with mode 0600."})
public final class AddHttpUserCommand implements Callable<Integer> {

    private static final int MIN_PASSWORD = 12;

    @Parameters(index = "0", paramLabel = "NAME", description = "User name: letters, digits, . _ @ -")
    String name;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The users file (created if absent).")
    Path file;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin (for scripts).")
    boolean passwordStdin;

    @Option(names = "--token", description = "Also make a bearer token for this user (replacing any earlier one).")
    boolean token;

    @Option(names = "--role", paramLabel = "ROLE", split = ",",
            description = "reader (the default: may read everything) or triage (may also give alerts a verdict); "
                    + "replaces the user's roles; without it an existing user keeps theirs.")
    List<String> roles;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!HttpUsers.isName(name)) {
            throw new IllegalArgumentException("user name must be 1 to 64 letters, digits, '.', '_', '@' or '-', was '" + name + "'");
        }
        char[] password = passwordStdin ? fromStdin() : fromConsole();
        try {
            if (password.length < MIN_PASSWORD) {
                throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD + " characters");
            }
            Map<String, HttpUsers.User> users = HttpUsers.read(file);
            boolean existed = users.containsKey(name);
            Optional<String> tokenHash = users.containsKey(name) ? users.get(name).tokenHash() : Optional.empty();
            String newToken = null;
            if (token) {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                newToken = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                tokenHash = Optional.of(PasswordHash.tokenHash(newToken));
            }
            Set<HttpUsers.Role> granted = roles == null ? (existed ? users.get(name).roles() : Set.of()) : parseRoles(roles);
            users.put(name, new HttpUsers.User(name, PasswordHash.hash(password), tokenHash, granted));
            HttpUsers.write(file, users);
            PrintWriter out = spec.commandLine().getOut();
            out.println((existed ? "updated " : "added ") + name + " in " + file + " (" + users.size() + " user(s)); may read"
                    + (granted.isEmpty() ? "" : ", " + String.join(", ", granted.stream().sorted().map(HttpUsers.Role::spelling).toList())));
            if (newToken != null) {
                out.println("bearer token for " + name + " (shown once; send it as Authorization: Bearer TOKEN):");
                out.println(newToken);
            }
            out.flush();
            return 0;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] fromStdin() throws IOException {
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IllegalArgumentException("--password-stdin: stdin was empty");
        }
        return line.toCharArray();
    }

    private char[] fromConsole() {
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password: use --password-stdin");
        }
        char[] first = console.readPassword("Password for %s: ", name);
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new IllegalArgumentException("the passwords differ");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    private static Set<HttpUsers.Role> parseRoles(List<String> spelled) {
        Set<HttpUsers.Role> parsed = EnumSet.noneOf(HttpUsers.Role.class);
        for (String role : spelled) {
            if (!role.strip().equals("reader")) {
                parsed.add(HttpUsers.Role.parse(role.strip()));
            }
        }
        return parsed;
    }
}
