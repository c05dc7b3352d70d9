package org.customssentinel.cli.triage;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import picocli.CommandLine.Option;

/** How a command logs in to the query API: where it is, who, and which certificate authority to trust for HTTPS. */
public final class QueryApiLogin {

    static final String TOKEN_ENV = "SENTINEL_HTTP_TOKEN";
    static final String PASSWORD_ENV = "SENTINEL_HTTP_PASSWORD";

    @Option(names = "--api", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The query API of any streams instance (default: ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Log in as this user of --http-auth; the password from --password-stdin, env " + PASSWORD_ENV
                    + ", or the terminal. Without --user, the bearer token in env " + TOKEN_ENV + ".")
    String user;

    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin (for scripts).")
    boolean passwordStdin;

    @Option(names = "--cacert", paramLabel = "PEM",
            description = "Trust the certificate (a CA's or the server's own) in this PEM file for HTTPS, besides the system's.")
    Path caCertificate;

    /** The base URL without a trailing slash. */
    String base() {
        String trimmed = api.strip();
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw new IllegalArgumentException("--api must be an http:// or https:// URL, was '" + api + "'");
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /** The Authorization header to send. */
    String authorization() throws IOException {
        if (user == null) {
            String token = System.getenv(TOKEN_ENV);
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("log in: --user NAME (its password from --password-stdin, " + PASSWORD_ENV
                        + " or the terminal), or a bearer token in " + TOKEN_ENV);
            }
            return "Bearer " + token.strip();
        }
        String password = password();
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private String password() throws IOException {
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw new IllegalArgumentException("--password-stdin: stdin was empty");
            }
            return line;
        }
        String fromEnv = System.getenv(PASSWORD_ENV);
        if (fromEnv != null) {
            return fromEnv;
        }
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for " + user + "'s password: use --password-stdin or " + PASSWORD_ENV);
        }
        char[] typed = console.readPassword("Password for %s: ", user);
        return typed == null ? "" : new String(typed);
    }

    /** The system's trusted authorities, and --cacert's certificate when given. */
    SSLContext sslContext() throws IOException, GeneralSecurityException {
        if (caCertificate == null) {
            return SSLContext.getDefault();
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate)) {
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("cacert-" + n++, certificate);
            }
            if (n == 0) {
                throw new IllegalArgumentException("--cacert " + caCertificate + " holds no PEM certificate");
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
