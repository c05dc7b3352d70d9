package org.customssentinel.streams.query.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users of the query API, from a file of lines {@code NAME:PASSWORD-HASH[:TOKEN-SHA256][:roles=ROLE,...]}
 * ({@code #} starts a comment), as {@code sentinel http-user add} writes it. A request carries HTTP Basic credentials
 * or {@code Authorization: Bearer TOKEN}. Every user may read; a role lets a user do more (see {@link Role}). A line
 * without roles, as files written before roles existed have, is a reader.
 */
public final class HttpUsers {

    private static final int CACHE_LIMIT = 1_000;

    private final Map<String, User> byName;
    private final Map<String, String> byTokenHash;
    /** SHA-256 of a Basic credential already checked -> its user: PBKDF2 is slow by design, dashboards poll. */
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    private static final String ROLES_FIELD = "roles=";

    /** What a user may do beyond reading. */
    public enum Role {
        /** Give alerts a verdict (POST /api/alerts/{id}/disposition). */
        TRIAGE;

        /** As the users file and {@code --role} spell it. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Role parse(String spelling) {
            for (Role role : values()) {
                if (role.spelling().equals(spelling)) {
                    return role;
                }
            }
            throw new IllegalArgumentException("unknown role '" + spelling + "' (roles: "
                    + String.join(", ", Arrays.stream(values()).map(Role::spelling).toList()) + "; every user may read)");
        }
    }

    /** One line of the file. */
    public record User(String name, String passwordHash, Optional<String> tokenHash, Set<Role> roles) {

        public User {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }

        public User(String name, String passwordHash, Optional<String> tokenHash) {
            this(name, passwordHash, tokenHash, Set.of());
        }

        public String line() {
            return name + ":" + passwordHash + tokenHash.map(hash -> ":" + hash).orElse("")
                    + (roles.isEmpty() ? "" : ":" + ROLES_FIELD + String.join(",", roles.stream().sorted().map(Role::spelling).toList()));
        }
    }

    private HttpUsers(Map<String, User> byName) {
        this.byName = Map.copyOf(byName);
        Map<String, String> tokens = new LinkedHashMap<>();
        byName.values().forEach(user -> user.tokenHash().ifPresent(hash -> tokens.put(hash, user.name())));
        this.byTokenHash = Map.copyOf(tokens);
    }

    /** Reads {@code file}; a malformed line fails with its line number (the file is never echoed: it holds hashes). */
    public static HttpUsers load(Path file) throws IOException {
        return new HttpUsers(read(file));
    }

    /** The users of {@code file} by name, in file order; empty when the file does not exist yet. */
    public static Map<String, User> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new LinkedHashMap<>();
        }
        Map<String, User> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> parts = new ArrayList<>(List.of(line.split(":")));
            String where = file + " line " + (i + 1) + ": ";
            Set<Role> roles = EnumSet.noneOf(Role.class);
            if (parts.size() > 2 && parts.get(parts.size() - 1).startsWith(ROLES_FIELD)) {
                String spelled = parts.remove(parts.size() - 1).substring(ROLES_FIELD.length());
                try {
                    for (String role : spelled.split(",")) {
                        roles.add(Role.parse(role.strip()));
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + e.getMessage(), e);
                }
            }
            if (parts.size() < 2 || parts.size() > 3 || !isName(parts.get(0)) || !PasswordHash.isWellFormed(parts.get(1))
                    || (parts.size() == 3 && !parts.get(2).matches("[0-9a-f]{64}"))) {
                throw new IllegalArgumentException(where + "expected NAME:" + PasswordHash.SCHEME
                        + "$...[:TOKEN-SHA256][:roles=triage], as `sentinel http-user add` writes it");
            }
            users.put(parts.get(0), new User(parts.get(0), parts.get(1), parts.size() == 3 ? Optional.of(parts.get(2)) : Optional.empty(), roles));
        }
        return users;
    }

    public static boolean isName(String name) {
        return name.matches("[A-Za-z0-9._@-]{1,64}");
    }

    public int size() {
        return byName.size();
    }

    /** Whether {@code user}, already authenticated, has {@code role}. */
    public boolean has(String user, Role role) {
        User found = byName.get(user);
        return found != null && found.roles().contains(role);
    }


    /** The user an {@code Authorization} header value proves, if it proves one. */
    public Optional<String> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.ofNullable(byTokenHash.get(PasswordHash.tokenHash(authorization.substring(7).strip())));
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        User user = byName.get(decoded.substring(0, colon));
        if (user == null) {
            return Optional.empty();
        }
        String key = PasswordHash.tokenHash(authorization);
        String cached = verified.get(key);
        // The key hashes the whole header, password included: a hit is this very credential, checked before.
        if (user.name().equals(cached)) {
            return Optional.of(user.name());
        }
        if (!PasswordHash.matches(decoded.substring(colon + 1).toCharArray(), user.passwordHash())) {
            return Optional.empty();
        }
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(key, user.name());
        return Optional.of(user.name());
    }

    /** Writes {@code users} to {@code file} (mode 0600): the lines {@link #load} reads. */
    public static void write(Path file, Map<String, User> users) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# Customs Sentinel query API users: NAME:PASSWORD-HASH[:TOKEN-SHA256][:roles=ROLE,...]. Written by `sentinel http-user add`.");
        users.values().forEach(user -> lines.add(user.line()));
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".http-users", ".tmp",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.write(temp, lines, StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
