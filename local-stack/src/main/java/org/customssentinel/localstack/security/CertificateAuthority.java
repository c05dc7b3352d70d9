package org.customssentinel.localstack.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The local stack's own certificate authority: it signs one certificate per Kafka node (and for the query API), each
 * naming 127.0.0.1 and localhost as subject alternative names, so clients keep hostname verification on.
 * Keys are EC P-256: quick to make at every fresh start, and every JDK TLS stack speaks them.
 */
public final class CertificateAuthority {

    private static final String SIGNATURE = "SHA256withECDSA";
    private static final String CA_ALIAS = "ca";
    private static final Duration VALIDITY = Duration.ofDays(825);

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    /** A new self-signed CA. */
    public static CertificateAuthority create(String commonName) throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        X509v3CertificateBuilder builder = builder(name, name, keys, new SecureRandom());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the CA certificate", e);
        }
        return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
    }

    /** A CA saved earlier with {@link #save}. */
    public static CertificateAuthority load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        return new CertificateAuthority((X509Certificate) store.getCertificate(CA_ALIAS),
                (PrivateKey) store.getKey(CA_ALIAS, password));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA's certificate as PEM, what curl's --cacert and browsers import. */
    public String pem() throws GeneralSecurityException {
        return pem("CERTIFICATE", certificate.getEncoded());
    }

    /** The CA with its private key, readable by the owner only. */
    public void save(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(CA_ALIAS, key, password, new Certificate[] {certificate});
        write(store, file, password);
    }

    /** A trust store holding the CA's certificate only: what clients need to trust every node. */
    public void saveTrustStore(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(CA_ALIAS, certificate);
        write(store, file, password);
    }

    /**
     * A key store with a new key and a certificate for {@code commonName}, valid for TLS servers and clients on
     * 127.0.0.1 and localhost, chained to this CA.
     */
    public void issueKeyStore(String commonName, Path file, char[] password) throws IOException, GeneralSecurityException {
        Issued issued = issue(commonName);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(commonName, issued.key(), password, new Certificate[] {issued.certificate(), certificate});
        write(store, file, password);
    }

    /** A certificate and key in PEM, as OpenSSL-based clients (librdkafka, curl) read them. */
    public record IssuedPem(String certificateChain, String privateKey) {
        @Override
        public String toString() {
            // The key must never reach a log line.
            return "IssuedPem[certificateChain=" + certificateChain.length() + " chars]";
        }
    }

    /** As {@link #issueKeyStore}, in PEM: the certificate followed by this CA's, and the key unencrypted in PKCS#8. */
    public IssuedPem issuePem(String commonName) throws GeneralSecurityException {
        Issued issued = issue(commonName);
        return new IssuedPem(pem("CERTIFICATE", issued.certificate().getEncoded()) + pem("CERTIFICATE", certificate.getEncoded()),
                pem("PRIVATE KEY", issued.key().getEncoded()));
    }

    private record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private Issued issue(String commonName) throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        X509v3CertificateBuilder builder = builder(new X500Name(certificate.getSubjectX500Principal().getName()),
                new X500Name("CN=" + commonName), keys, random);
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot build the certificate of " + commonName, e);
        }
        return new Issued(sign(builder, key), keys.getPrivate());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, SecureRandom random) {
        Instant now = Instant.now();
        // Back-dated a little: a client whose clock is a minute behind must not see a certificate from the future.
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random).abs().add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(SIGNATURE).build(signingKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign a certificate", e);
        }
    }

    private static void write(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = OwnerOnlyFiles.create(file)) {
            store.store(out, password);
        }
    }
}
