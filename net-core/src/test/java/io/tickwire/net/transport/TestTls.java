package io.tickwire.net.transport;

import java.net.InetSocketAddress;


import io.tickwire.net.dtls.DtlsConfig;
import io.tickwire.net.dtls.ServerIdentity;
import io.tickwire.net.dtls.ServerTrust;
import io.tickwire.net.dtls.TickwireTlsClient;
import io.tickwire.net.dtls.TickwireTlsServer;
import io.tickwire.net.dtls.TickwireCrypto;

import org.bouncycastle.tls.crypto.TlsCrypto;

/** The product's DTLS peers (io.tickwire.net.dtls) with a fresh server identity, for the endpoint's system tests. */
final class TestTls {

    final TlsCrypto crypto = TickwireCrypto.create();
    final ServerIdentity identity;

    TestTls() {
        this(ServerIdentity.generate("tickwire-endpoint-test"));
    }

    TestTls(ServerIdentity identity) {
        this.identity = identity;
    }

    TlsServerFactory servers() {
        return (cid, peer) -> new TickwireTlsServer(crypto, identity, DtlsConfig.DEFAULTS, cid, peer.toString());
    }

    TickwireTlsClient client(InetSocketAddress server) {
        return new TickwireTlsClient(crypto, ServerTrust.pinned(identity.fingerprint()),
                server.getAddress().getHostAddress(), server.getPort(), DtlsConfig.DEFAULTS);
    }
}
