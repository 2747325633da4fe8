// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.io.ByteArrayInputStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS identity of the emulator: a certificate from a key store, or a self-signed one made at
 * start (EC P-256, valid for a year, with the emulator's host names and loopback addresses as
 * subject alternative names). The JDK has no public API to make a certificate, so the few DER
 * structures are written here.
 */
public final class Tls {

    private final SSLContext serverContext;
    private final X509Certificate certificate;

    private Tls(SSLContext serverContext, X509Certificate certificate) {
        this.serverContext = serverContext;
        this.certificate = certificate;
    }

    SSLContext serverContext() {
        return serverContext;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A client context that trusts exactly this certificate. */
    public SSLContext trustingContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("hyco-emulator", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build a trust context for the emulator certificate", e);
        }
    }

    /** The certificate in PEM form, for clients such as Node ({@code NODE_EXTRA_CA_CERTS}). */
    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encode the emulator certificate", e);
        }
    }

    static Tls fromKeyStore(Path path, char[] password) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(path.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password);
            X509Certificate certificate = null;
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate c) {
                    certificate = c;
                    break;
                }
            }
            if (certificate == null) {
                throw new IllegalArgumentException("keyStore " + path + " has no private key entry with a certificate");
            }
            return new Tls(serverContext(store, password), certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("keyStore " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    static Tls selfSigned(Set<String> hostNames) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X509Certificate certificate = certificate(keys, new TreeSet<>(hostNames));
            char[] password = "hyco-emulator".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("hyco-emulator", keys.getPrivate(), password, new Certificate[] {certificate});
            return new Tls(serverContext(store, password), certificate);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot make a self-signed certificate", e);
        }
    }

    private static SSLContext serverContext(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    // ------------------------------------------------------------------ DER

    private static final byte[] ECDSA_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
    private static final byte[] COMMON_NAME = oid(2, 5, 4, 3);
    private static final byte[] SUBJECT_ALT_NAME = oid(2, 5, 29, 17);
    private static final byte[] BASIC_CONSTRAINTS = oid(2, 5, 29, 19);

    private static X509Certificate certificate(KeyPair keys, Set<String> hostNames)
            throws GeneralSecurityException {
        byte[] algorithm = der(0x30, ECDSA_SHA256);
        byte[] name = der(0x30, der(0x31, der(0x30, COMMON_NAME,
                der(0x0c, "hyco-jakarta relay emulator".getBytes(StandardCharsets.UTF_8)))));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        DateTimeFormatter utcTime = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
        byte[] validity = der(0x30,
                der(0x17, now.minusDays(1).format(utcTime).getBytes(StandardCharsets.US_ASCII)),
                der(0x17, now.plusYears(1).format(utcTime).getBytes(StandardCharsets.US_ASCII)));
        ByteArrayOutputStream altNames = new ByteArrayOutputStream();
        for (String host : hostNames) {
            byte[] address = literalAddress(host);
            altNames.writeBytes(address != null ? der(0x87, address)
                    : der(0x82, host.getBytes(StandardCharsets.US_ASCII)));
        }
        altNames.writeBytes(der(0x87, new byte[] {127, 0, 0, 1}));
        altNames.writeBytes(der(0x87, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
        byte[] extensions = der(0xa3, der(0x30,
                der(0x30, BASIC_CONSTRAINTS, der(0x04, der(0x30))),
                der(0x30, SUBJECT_ALT_NAME, der(0x04, der(0x30, altNames.toByteArray())))));
        byte[] tbs = der(0x30,
                der(0xa0, der(0x02, new byte[] {2})),
                der(0x02, new BigInteger(64, new SecureRandom()).add(BigInteger.ONE).toByteArray()),
                algorithm, name, validity, name,
                keys.getPublic().getEncoded(),
                extensions);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bitString = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bitString, 1, signature.length);
        byte[] encoded = der(0x30, tbs, algorithm, der(0x03, bitString));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
    }

    private static byte[] literalAddress(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(h).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] len = BigInteger.valueOf(length).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int shift = 28;
            while (shift > 0 && (arc >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                body.write(0x80 | ((arc >>> shift) & 0x7f));
            }
            body.write(arc & 0x7f);
        }
        return der(0x06, body.toByteArray());
    }
}
