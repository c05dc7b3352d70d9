package org.customssentinel.streams.query.access;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Collections;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** HTTPS for the query API from a PKCS12 key store, and the trust instances need to forward queries to each other. */
public final class TlsConnector {

    private TlsConnector() {
    }

    /** The HTTPS connector Jetty listens on instead of plain HTTP. */
    public static ServerConnector create(Server server, HttpConfiguration base, HttpSecurity.Tls tls, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(tls.keyStore().toAbsolutePath().toString());
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(new String(tls.password()));
        HttpConfiguration https = new HttpConfiguration(base);
        // Clients reach instances by IP as often as by name: the certificate's SANs are checked by the client, not here.
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /**
     * An SSL context trusting the certificates of the key store's own chain: the instances of one deployment share a
     * CA (or a certificate), so forwarding a query to a peer needs no separate trust store.
     */
    public static SSLContext peerContext(HttpSecurity.Tls tls) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tls.keyStore())) {
                keys.load(in, tls.password());
            }
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int n = 0;
            for (String alias : Collections.list(keys.aliases())) {
                Certificate[] chain = keys.getCertificateChain(alias);
                if (chain != null) {
                    for (Certificate certificate : chain) {
                        trusted.setCertificateEntry("c" + n++, certificate);
                    }
                } else if (keys.getCertificate(alias) != null) {
                    trusted.setCertificateEntry("c" + n++, keys.getCertificate(alias));
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the HTTPS key store " + tls.keyStore() + ": " + e.getMessage(), e);
        }
    }
}
