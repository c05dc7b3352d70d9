package org.customssentinel.localstack.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * The security of a local cluster: a CA and a key store per node, SCRAM passwords, the brokers' settings, the
 * users and ACLs, and the client files. Everything lives under the cluster's {@code security} directory, readable by
 * its owner only, so a cluster started again on the same directory keeps its users and certificates.
 *
 * <p>Clients use SASL_SSL with SCRAM-SHA-512 on the client listener (also the brokers' own), or mutual TLS on the
 * MTLS listener with a certificate this CA issued to their user: its common name maps to the same principal, so the
 * same ACLs hold. The second way in is for clients linking librdkafka before 2.6.1 (Debian 12's kcat among them),
 * whose SCRAM Kafka 4 brokers reject (confluentinc/librdkafka#4895). The controller listener is TLS with client
 * certificates: KRaft controllers cannot check SCRAM (the credentials live in the metadata they serve), and a
 * certificate is the nodes' identity there, each node a super user by its name.
 */
public final class ClusterSecurity {

    public static final String MECHANISM = "SCRAM-SHA-512";
    private static final String SECRETS_FILE = "secrets.properties";
    private static final String STORE_PASSWORD = "store.password";
    private static final String PASSWORD_PREFIX = "password.";
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final Path dir;
    private final SecuritySettings settings;
    private final Map<String, String> passwords;
    private final String storePassword;

    private ClusterSecurity(Path dir, SecuritySettings settings, Map<String, String> passwords, String storePassword) {
        this.dir = dir;
        this.settings = settings;
        this.passwords = Map.copyOf(passwords);
        this.storePassword = storePassword;
    }

    /**
     * Reads the security of a cluster made earlier in {@code dir}, or makes it: passwords, the CA, the trust store
     * and one key store per node ({@code nodeNames}).
     */
    public static ClusterSecurity prepare(Path dir, SecuritySettings settings, List<String> nodeNames)
            throws IOException, GeneralSecurityException {
        Path secretsFile = dir.resolve(SECRETS_FILE);
        Properties secrets = new Properties();
        if (Files.exists(secretsFile)) {
            try (Reader in = Files.newBufferedReader(secretsFile, StandardCharsets.UTF_8)) {
                secrets.load(in);
            }
        }
        SecureRandom random = new SecureRandom();
        boolean changed = false;
        if (secrets.getProperty(STORE_PASSWORD) == null) {
            secrets.setProperty(STORE_PASSWORD, newPassword(random));
            changed = true;
        }
        for (String user : settings.allUsers()) {
            if (secrets.getProperty(PASSWORD_PREFIX + user) == null) {
                secrets.setProperty(PASSWORD_PREFIX + user, newPassword(random));
                changed = true;
            }
        }
        if (changed) {
            StringWriter text = new StringWriter();
            secrets.store(text, "Customs Sentinel local stack: SCRAM passwords and the key stores' password");
            OwnerOnlyFiles.writeString(secretsFile, text.toString());
        }
        char[] storePassword = secrets.getProperty(STORE_PASSWORD).toCharArray();
        Path caFile = dir.resolve("ca.p12");
        CertificateAuthority ca;
        if (Files.exists(caFile)) {
            ca = CertificateAuthority.load(caFile, storePassword);
        } else {
            ca = CertificateAuthority.create("Customs Sentinel local CA");
            ca.save(caFile, storePassword);
        }
        if (!Files.exists(dir.resolve("truststore.p12"))) {
            ca.saveTrustStore(dir.resolve("truststore.p12"), storePassword);
        }
        for (String node : nodeNames) {
            Path keyStore = dir.resolve(node + ".p12");
            if (!Files.exists(keyStore)) {
                ca.issueKeyStore(node, keyStore, storePassword);
            }
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        settings.allUsers().forEach(user -> passwords.put(user, secrets.getProperty(PASSWORD_PREFIX + user)));
        return new ClusterSecurity(dir, settings, passwords, secrets.getProperty(STORE_PASSWORD));
    }

    /** The broker settings of node {@code nodeName} among {@code allNodeNames}. */
    public Map<String, String> brokerProperties(String nodeName, List<String> allNodeNames) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("listener.security.protocol.map", "CLIENT:SASL_SSL,CONTROLLER:SSL,MTLS:SSL");
        props.put("sasl.enabled.mechanisms", MECHANISM);
        props.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        props.put("listener.name.client.scram-sha-512.sasl.jaas.config", jaas(SecuritySettings.ADMIN));
        props.put("ssl.keystore.type", "PKCS12");
        props.put("ssl.keystore.location", dir.resolve(nodeName + ".p12").toAbsolutePath().toString());
        props.put("ssl.keystore.password", storePassword);
        props.put("ssl.key.password", storePassword);
        props.put("ssl.truststore.type", "PKCS12");
        props.put("ssl.truststore.location", truststore().toString());
        props.put("ssl.truststore.password", storePassword);
        props.put("listener.name.controller.ssl.client.auth", "required");
        props.put("listener.name.mtls.ssl.client.auth", "required");
        // A certificate's principal is its common name: User:kafka-node-0, User:sentinel-reader, not the whole distinguished
        // name; a user's certificate is the same principal as its SCRAM login, under the same ACLs.
        props.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+)$/$1/,DEFAULT");
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        props.put("allow.everyone.if.no.acl.found", "false");
        List<String> superUsers = new ArrayList<>();
        superUsers.add("User:" + SecuritySettings.ADMIN);
        allNodeNames.forEach(node -> superUsers.add("User:" + node));
        props.put("super.users", String.join(";", superUsers));
        return props;
    }

    /**
     * Arguments for Kafka's storage format: the admin's SCRAM credential must be in the metadata before the brokers
     * can talk to each other; the other users are made afterwards through the admin API.
     */
    public List<String> formatArguments() {
        return List.of("--add-scram", MECHANISM + "=[name=" + SecuritySettings.ADMIN + ",password="
                + passwords.get(SecuritySettings.ADMIN) + "]");
    }

    /** Client settings (besides bootstrap servers) of {@code user}. */
    public Map<String, String> clientProperties(String user) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", "SASL_SSL");
        props.put("sasl.mechanism", MECHANISM);
        props.put("sasl.jaas.config", jaas(user));
        props.put("ssl.truststore.type", "PKCS12");
        props.put("ssl.truststore.location", truststore().toString());
        props.put("ssl.truststore.password", storePassword);
        return props;
    }

    public Path truststore() {
        return dir.resolve("truststore.p12").toAbsolutePath();
    }

    public SecuritySettings settings() {
        return settings;
    }

    /** Creates (or updates) every user's SCRAM credential and every ACL, as admin. Both are idempotent. */
    public void grant(String bootstrapServers) throws IOException, InterruptedException {
        Map<String, Object> config = new LinkedHashMap<>(clientProperties(SecuritySettings.ADMIN));
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            List<UserScramCredentialAlteration> users = settings.users().stream()
                    .map(user -> (UserScramCredentialAlteration) new UserScramCredentialUpsertion(user,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), passwords.get(user)))
                    .toList();
            if (!users.isEmpty()) {
                admin.alterUserScramCredentials(users).all().get(60, TimeUnit.SECONDS);
            }
            if (!settings.acls().isEmpty()) {
                admin.createAcls(settings.acls()).all().get(60, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot create the stack's users and ACLs: " + e.getMessage(), e);
        }
    }

    /**
     * Writes one client properties file per user into {@code clientsDir} ({@code sentinel-producer} gets
     * {@code producer.properties}), with a copy of the trust store beside them, the CA as PEM (for curl and browsers),
     * and a key store for the query API's HTTPS ({@code http.p12}, its password in {@code http.p12.password});
     * returns the properties files by user.
     */
    public Map<String, Path> writeClientFiles(Path clientsDir, String bootstrapServers, String schemaRegistryUrl)
            throws IOException {
        return writeClientFiles(clientsDir, bootstrapServers, "", schemaRegistryUrl);
    }

    /**
     * As {@link #writeClientFiles(Path, String, String)}, and with {@code mtlsBootstrapServers} (the MTLS listeners),
     * for each user a certificate and key issued by the stack's CA ({@code reader.crt.pem}, {@code reader.key.pem})
     * and a librdkafka configuration that logs in with them ({@code reader.librdkafka.conf}: {@code kcat -F FILE}).
     */
    public Map<String, Path> writeClientFiles(Path clientsDir, String bootstrapServers, String mtlsBootstrapServers,
                                              String schemaRegistryUrl) throws IOException {
        Files.createDirectories(clientsDir);
        Path truststore = clientsDir.resolve("truststore.p12").toAbsolutePath();
        try (var out = OwnerOnlyFiles.create(truststore)) {
            Files.copy(truststore(), out);
        }
        try {
            CertificateAuthority ca = CertificateAuthority.load(dir.resolve("ca.p12"), storePassword.toCharArray());
            OwnerOnlyFiles.writeString(clientsDir.resolve("ca.pem"), ca.pem());
            ca.issueKeyStore("sentinel-http", clientsDir.resolve("http.p12"), storePassword.toCharArray());
            OwnerOnlyFiles.writeString(clientsDir.resolve("http.p12.password"), storePassword + "\n");
            if (!mtlsBootstrapServers.isEmpty()) {
                for (String user : settings.allUsers()) {
                    writeCertificateLogin(ca, user, clientsDir, mtlsBootstrapServers);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot issue the query API's certificate: " + e.getMessage(), e);
        }
        Map<String, Path> files = new LinkedHashMap<>();
        for (String user : settings.allUsers()) {
            Map<String, String> props = new LinkedHashMap<>();
            props.put("bootstrap.servers", bootstrapServers);
            props.put("schema.registry.url", schemaRegistryUrl);
            props.putAll(clientProperties(user));
            props.put("ssl.truststore.location", truststore.toString());
            String text = "# Customs Sentinel local stack: the client settings of " + user + ".\n"
                    + "# Use with any command: bin/sentinel <command> --config " + clientsDir.resolve(fileName(user)) + "\n"
                    + props.entrySet().stream().map(e -> e.getKey() + "=" + escape(e.getValue()))
                            .collect(Collectors.joining("\n")) + "\n";
            Path file = clientsDir.resolve(fileName(user)).toAbsolutePath();
            OwnerOnlyFiles.writeString(file, text);
            files.put(user, file);
        }
        return files;
    }

    private static void writeCertificateLogin(CertificateAuthority ca, String user, Path clientsDir, String mtlsBootstrapServers)
            throws IOException, GeneralSecurityException {
        String name = shortName(user);
        CertificateAuthority.IssuedPem issued = ca.issuePem(user);
        Path certificate = clientsDir.resolve(name + ".crt.pem").toAbsolutePath();
        Path key = clientsDir.resolve(name + ".key.pem").toAbsolutePath();
        OwnerOnlyFiles.writeString(certificate, issued.certificateChain());
        OwnerOnlyFiles.writeString(key, issued.privateKey());
        OwnerOnlyFiles.writeString(clientsDir.resolve(name + ".librdkafka.conf"), "# Customs Sentinel local stack: " + user
                + " logs in with its certificate (mutual TLS), for librdkafka clients: kcat -F <this file> ...\n"
                + "bootstrap.servers=" + mtlsBootstrapServers + "\n"
                + "security.protocol=ssl\n"
                + "ssl.ca.location=" + clientsDir.resolve("ca.pem").toAbsolutePath() + "\n"
                + "ssl.certificate.location=" + certificate + "\n"
                + "ssl.key.location=" + key + "\n");
    }

    private static String shortName(String user) {
        return user.startsWith("sentinel-") ? user.substring("sentinel-".length()) : user;
    }

    /** {@code sentinel-reader} -> {@code reader.properties}. */
    public static String fileName(String user) {
        return shortName(user) + ".properties";
    }

    private String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + passwords.get(user) + "\";";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\");
    }

    private static String newPassword(SecureRandom random) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return password.toString();
    }
}
