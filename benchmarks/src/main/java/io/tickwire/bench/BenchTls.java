package io.tickwire.bench;

import java.net.InetSocketAddress;
import java.security.SecureRandom;

import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.HandshakeGuardConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.dtls.TickwireCrypto;
import io.tickwire.net.dtls.TickwireTlsClient;
import io.tickwire.net.dtls.TickwireTlsServer;
import io.tickwire.net.transport.TlsServerFactory;

import org.bouncycastle.tls.crypto.TlsCrypto;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/** The product's DTLS peers with a fresh server identity and a chosen crypto back end ("hybrid", the product default, "bc" or "jca"). */
final class BenchTls {

    final String cryptoName;
    final TlsCrypto crypto;
    final ServerIdentity identity = ServerIdentity.generate("tickwire-bench");

    BenchTls(String cryptoName) {
        this.cryptoName = cryptoName;
        this.crypto = crypto(cryptoName);
    }

    static TlsCrypto crypto(String name) {
        switch (name) {
            case "bc":
                return new BcTlsCrypto(new SecureRandom());
            case "jca":
                return new JcaTlsCryptoProvider().create(new SecureRandom());
            case "hybrid":
                // What the product uses (TickwireCrypto's default): BC's EC for handshakes, the JDK's
                // AES-GCM for records, behind the encrypted-handshake guard.
                return TickwireCrypto.create(TickwireCrypto.Kind.HYBRID, HandshakeGuardConfig.DEFAULTS);
            default:
                throw new IllegalArgumentException("--crypto must be hybrid, bc or jca, was '" + name + "'");
        }
    }

    TlsServerFactory servers() {
        return (cid, peer) -> server(cid, peer.toString());
    }

    TickwireTlsServer server(int cid, String peerName) {
        return new TickwireTlsServer(crypto, identity, DtlsConfig.DEFAULTS, cid, peerName);
    }

    TickwireTlsClient client(InetSocketAddress server) {
        return new TickwireTlsClient(crypto, ServerTrust.pinned(identity.fingerprint()),
                server.getAddress().getHostAddress(), server.getPort(), DtlsConfig.DEFAULTS);
    }
}
