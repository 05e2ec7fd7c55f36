package dev.locmem.cache.redis.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made with nothing but the JDK: its
 * {@code keytool} makes the key pair in a PKCS#12 file, and Java code writes what {@code redis-server} reads, the
 * certificate and the PKCS#8 private key as PEM files, and a PKCS#12 trust store holding the certificate alone, for
 * a client that trusts it through the JVM's {@code javax.net.ssl.trustStore}.
 *
 * <p>The certificate is its own CA: a client that trusts {@link #certificate()} trusts the server.
 *
 * @param certificate the certificate, PEM
 * @param privateKey the private key, PEM (PKCS#8)
 * @param trustStore a PKCS#12 trust store that holds the certificate
 * @param trustStorePassword the trust store's password
 */
public record TestCertificates(Path certificate, Path privateKey, Path trustStore, String trustStorePassword) {

    private static final String ALIAS = "redis";

    private static final String PASSWORD = "changeit";

    /**
     * Makes a certificate and its files in a new folder under {@code target/}.
     * @param name what the files are called ({@code <name>.crt}, {@code <name>.key}, {@code <name>-trust.p12})
     * @return the files
     * @throws IOException when {@code keytool} cannot run or fails, or a file cannot be written
     */
    public static TestCertificates create(String name) throws IOException {
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tls-");
        Path keyStore = directory.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA",
                "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=localhost", "-ext",
                "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (process.waitFor() != 0) {
                throw new IOException(keytool + " failed: " + output);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while " + keytool + " ran", ex);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            Certificate certificate = store.getCertificate(ALIAS);
            Key key = store.getKey(ALIAS, PASSWORD.toCharArray());
            Path certificateFile = directory.resolve(name + ".crt");
            Path keyFile = directory.resolve(name + ".key");
            Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()));
            // An RSA key read from PKCS#12 encodes as PKCS#8, which is what "BEGIN PRIVATE KEY" means.
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry(ALIAS, certificate);
            Path trustFile = directory.resolve(name + "-trust.p12");
            try (OutputStream out = Files.newOutputStream(trustFile)) {
                trust.store(out, PASSWORD.toCharArray());
            }
            return new TestCertificates(certificateFile, keyFile, trustFile, PASSWORD);
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("The key pair that keytool made in " + keyStore + " cannot be read", ex);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
