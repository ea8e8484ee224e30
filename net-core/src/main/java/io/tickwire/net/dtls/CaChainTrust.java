package io.tickwire.net.dtls;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Trust by a certificate chain that validates (JDK PKIX) against configured roots and names the host. */
final class CaChainTrust implements ServerTrust {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final Set<TrustAnchor> anchors;
    private final Clock clock;

    CaChainTrust(Collection<X509Certificate> roots, Clock clock) {
        Objects.requireNonNull(roots, "roots");
        if (roots.isEmpty()) {
            throw new IllegalArgumentException("CA chain trust needs at least one root certificate");
        }
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate r : roots) {
            a.add(new TrustAnchor(r, null));
        }
        this.anchors = Set.copyOf(a);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public TrustFailure check(String host, int port, byte[][] derChain) {
        if (derChain.length == 0) {
            return fail(null, "server " + host + ":" + port + " presented no certificate", TrustFailure.Kind.NO_CERTIFICATE);
        }
        Fingerprint presented = Fingerprint.ofDer(derChain[0]);
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>(derChain.length);
            for (byte[] der : derChain) {
                chain.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
            }
            // PKIX wants the path without the trust anchor itself.
            while (chain.size() > 1 && isAnchor(chain.get(chain.size() - 1))) {
                chain.remove(chain.size() - 1);
            }
            CertPath path = cf.generateCertPath(chain);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(path, params);
            if (!namesHost(chain.get(0), host)) {
                return fail(presented, "server " + host + ":" + port + " presented certificate " + presented
                        + " which validates against the CA roots but does not name '" + host
                        + "' in its subject alternative names", TrustFailure.Kind.CHAIN_INVALID);
            }
            return null;
        } catch (CertPathValidatorException e) {
            return fail(presented, "server " + host + ":" + port + " presented certificate " + presented
                    + " whose chain does not validate against the configured CA roots: " + e.getMessage()
                    + (e.getReason() != null ? " (" + e.getReason() + ")" : ""), TrustFailure.Kind.CHAIN_INVALID);
        } catch (GeneralSecurityException e) {
            return fail(presented, "server " + host + ":" + port + " presented certificate " + presented
                    + " that cannot be checked: " + e.getMessage(), TrustFailure.Kind.CHAIN_INVALID);
        }
    }

    private boolean isAnchor(X509Certificate c) {
        for (TrustAnchor a : anchors) {
            if (a.getTrustedCert().equals(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesHost(X509Certificate leaf, String host) throws GeneralSecurityException {
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        if (sans == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        boolean ipLiteral = h.indexOf(':') >= 0 || h.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
            if (ipLiteral && type == SAN_IP) {
                if (sameAddress(h, value)) {
                    return true;
                }
            } else if (!ipLiteral && type == SAN_DNS) {
                if (value.equals(h)) {
                    return true;
                }
                // One wildcard, only as the whole left-most label ("*.example.com").
                if (value.startsWith("*.") && h.indexOf('.') > 0 && h.substring(h.indexOf('.')).equals(value.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // Both are literals, so this parses without a DNS lookup.
            return InetAddress.getByName(strip(a)).equals(InetAddress.getByName(strip(b)));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String strip(String s) {
        return s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    }

    private static TrustFailure fail(Fingerprint presented, String message, TrustFailure.Kind kind) {
        return new TrustFailure(kind, null, presented, null, 0, message);
    }

    @Override
    public String toString() {
        return "CA chain (" + anchors.size() + " roots)";
    }
}
