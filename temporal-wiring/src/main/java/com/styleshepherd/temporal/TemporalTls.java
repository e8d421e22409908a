package com.styleshepherd.temporal;

import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to the Temporal frontend, bound from {@code temporal.tls.*} ({@code TEMPORAL_TLS_ENABLED},
 * {@code TEMPORAL_TLS_CA_CERT}, {@code TEMPORAL_TLS_CLIENT_CERT}, {@code TEMPORAL_TLS_CLIENT_KEY}).
 * Off for the embedded engine; on for a cluster whose frontend serves TLS (deploy/), with a client
 * certificate where it asks for one (mutual TLS, as Temporal Cloud does).
 *
 * @param enabled whether the connection uses TLS
 * @param caCert PEM file of the CA that signed the frontend's certificate; unset: the JVM's trusted CAs
 * @param clientCert PEM file of this process's certificate chain, for mutual TLS; with {@code clientKey}
 * @param clientKey PEM file of its PKCS#8 private key
 */
@ConfigurationProperties("temporal.tls")
public record TemporalTls(
        @Bindable(defaultValue = "false") boolean enabled,
        @Nullable Path caCert,
        @Nullable Path clientCert,
        @Nullable Path clientKey) {

    /** The gRPC SSL context for these settings; fails, naming the setting, on a missing or unreadable file. */
    public SslContext sslContext() {
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalStateException("temporal.tls.client-cert and temporal.tls.client-key go together: "
                    + "set both for mutual TLS, or neither");
        }
        // The builder reads the streams when it builds: they stay open until then.
        try (InputStream certificate = clientCert == null ? null : open("temporal.tls.client-cert", clientCert);
             InputStream key = clientKey == null ? null : open("temporal.tls.client-key", clientKey)) {
            SimpleSslContextBuilder builder = certificate == null
                    ? SimpleSslContextBuilder.noKeyOrCertChain()
                    : SimpleSslContextBuilder.forPKCS8(certificate, key);
            if (caCert != null) {
                builder.setTrustManager(trustManager(caCert));
            }
            return builder.build();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("temporal.tls: could not build the TLS context: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String setting, Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(setting + ": cannot read " + file);
        }
        return Files.newInputStream(file);
    }

    private static TrustManager trustManager(Path caCert) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = open("temporal.tls.ca-cert", caCert)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalStateException("temporal.tls.ca-cert: no certificate in " + caCert);
            }
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("temporal-ca-" + index++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers()[0];
    }
}
