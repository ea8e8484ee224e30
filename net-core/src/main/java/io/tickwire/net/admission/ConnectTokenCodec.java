package io.tickwire.net.admission;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The connect token's byte format (PROTOCOL.md, "Connect tokens"), big-endian:
 *
 * <pre>
 * u8   format version (1)
 * u64  application id
 * u64  client id
 * u64  issued at, Unix ms
 * u64  expires at, Unix ms
 * 16   nonce
 * u8   address count (1..8), then per address: u8 family (4 or 6), 4 or 16 address bytes, u16 port
 * u16  user data length (0..256), then the bytes
 * 64   Ed25519 signature over every byte before it
 * </pre>
 *
 * {@link #decode} is a pure function of its input: a token or a {@link ConnectTokenException}.
 */
public final class ConnectTokenCodec {

    private ConnectTokenCodec() {
    }

    /**
     * Decodes the structure of a token occupying exactly {@code buf[off, off+len)}; checks no
     * signature, time or address (that is {@link ConnectTokenVerifier}'s job).
     *
     * @throws ConnectTokenException naming the fault: truncated, oversized, trailing bytes, bad
     *     version, address count or family, zero port, IPv4-mapped IPv6 address, user data over the limit,
     *     expiry before issue
     */
    public static ConnectToken decode(byte[] buf, int off, int len) throws ConnectTokenException {
        if (off < 0 || len < 0 || len > buf.length - off) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", buffer " + buf.length);
        }
        if (len > ConnectToken.MAX_BYTES) {
            throw new ConnectTokenException("connect token of " + len + " bytes exceeds the largest possible, "
                    + ConnectToken.MAX_BYTES);
        }
        if (len < ConnectToken.MIN_BYTES) {
            throw new ConnectTokenException("connect token of " + len + " bytes is shorter than the smallest possible, "
                    + ConnectToken.MIN_BYTES);
        }
        int end = off + len;
        int p = off;
        int version = buf[p++] & 0xFF;
        if (version != ConnectToken.FORMAT_VERSION) {
            throw new ConnectTokenException("connect token format version " + version + ", this server reads version "
                    + ConnectToken.FORMAT_VERSION);
        }
        long applicationId = u64(buf, p);
        long clientId = u64(buf, p + 8);
        long issued = u64(buf, p + 16);
        long expires = u64(buf, p + 24);
        p += 32;
        byte[] nonce = new byte[ConnectToken.NONCE_BYTES];
        System.arraycopy(buf, p, nonce, 0, nonce.length);
        p += nonce.length;
        if (expires <= issued) {
            throw new ConnectTokenException("connect token expires (" + expires + ") no later than it was issued ("
                    + issued + ")");
        }
        int count = buf[p++] & 0xFF;
        if (count < 1 || count > ConnectToken.MAX_ADDRESSES) {
            throw new ConnectTokenException("connect token names " + count + " server addresses; 1.."
                    + ConnectToken.MAX_ADDRESSES + " allowed");
        }
        List<InetSocketAddress> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            need(end - p, 1, "address " + i);
            int family = buf[p++] & 0xFF;
            int size;
            if (family == 4) {
                size = 4;
            } else if (family == 6) {
                size = 16;
            } else {
                throw new ConnectTokenException("connect token address " + i + " has family " + family + "; 4 or 6 allowed");
            }
            need(end - p, size + 2, "address " + i);
            byte[] raw = new byte[size];
            System.arraycopy(buf, p, raw, 0, size);
            int port = ((buf[p + size] & 0xFF) << 8) | (buf[p + size + 1] & 0xFF);
            p += size + 2;
            if (port == 0) {
                throw new ConnectTokenException("connect token address " + i + " has port 0");
            }
            if (size == 16 && isIpv4Mapped(raw)) {
                // Java reads ::ffff:a.b.c.d as an IPv4 address; one address has one encoding (family 4).
                throw new ConnectTokenException("connect token address " + i + " is an IPv4-mapped IPv6 address;"
                        + " IPv4 addresses use family 4");
            }
            try {
                addresses.add(new InetSocketAddress(InetAddress.getByAddress(raw), port));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a 4- or 16-byte address was refused", e);
            }
        }
        need(end - p, 2, "user data length");
        int userLen = ((buf[p] & 0xFF) << 8) | (buf[p + 1] & 0xFF);
        p += 2;
        if (userLen > ConnectToken.MAX_USER_DATA_BYTES) {
            throw new ConnectTokenException("connect token user data of " + userLen + " bytes exceeds "
                    + ConnectToken.MAX_USER_DATA_BYTES);
        }
        need(end - p, userLen + ConnectToken.SIGNATURE_BYTES, "user data and signature");
        byte[] userData = new byte[userLen];
        System.arraycopy(buf, p, userData, 0, userLen);
        p += userLen + ConnectToken.SIGNATURE_BYTES;
        if (p != end) {
            throw new ConnectTokenException("connect token has " + (end - p) + " bytes after its signature");
        }
        byte[] encoded = new byte[len];
        System.arraycopy(buf, off, encoded, 0, len);
        return new ConnectToken(applicationId, clientId, issued, expires, nonce, addresses, userData, encoded);
    }

    /**
     * Writes the unsigned part of a token (everything the signature covers) and returns it.
     *
     * @throws IllegalArgumentException naming a value outside the format's limits
     */
    static byte[] encodeUnsigned(long applicationId, long clientId, long issued, long expires, byte[] nonce,
            List<InetSocketAddress> addresses, byte[] userData) {
        if (expires <= issued) {
            throw new IllegalArgumentException("expiry must be after issue time");
        }
        if (addresses.isEmpty() || addresses.size() > ConnectToken.MAX_ADDRESSES) {
            throw new IllegalArgumentException("a connect token names 1.." + ConnectToken.MAX_ADDRESSES
                    + " server addresses, was " + addresses.size());
        }
        if (userData.length > ConnectToken.MAX_USER_DATA_BYTES) {
            throw new IllegalArgumentException("connect token user data of " + userData.length + " bytes exceeds "
                    + ConnectToken.MAX_USER_DATA_BYTES);
        }
        if (nonce.length != ConnectToken.NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be " + ConnectToken.NONCE_BYTES + " bytes");
        }
        int size = ConnectToken.FIXED_HEAD_BYTES + 2 + userData.length;
        for (InetSocketAddress a : addresses) {
            size += 3 + addressBytes(a).length;
        }
        byte[] out = new byte[size];
        int p = 0;
        out[p++] = (byte) ConnectToken.FORMAT_VERSION;
        p = putU64(out, p, applicationId);
        p = putU64(out, p, clientId);
        p = putU64(out, p, issued);
        p = putU64(out, p, expires);
        System.arraycopy(nonce, 0, out, p, nonce.length);
        p += nonce.length;
        out[p++] = (byte) addresses.size();
        for (InetSocketAddress a : addresses) {
            byte[] raw = addressBytes(a);
            out[p++] = (byte) (raw.length == 4 ? 4 : 6);
            System.arraycopy(raw, 0, out, p, raw.length);
            p += raw.length;
            out[p++] = (byte) (a.getPort() >>> 8);
            out[p++] = (byte) a.getPort();
        }
        out[p++] = (byte) (userData.length >>> 8);
        out[p++] = (byte) userData.length;
        System.arraycopy(userData, 0, out, p, userData.length);
        return out;
    }

    private static byte[] addressBytes(InetSocketAddress a) {
        if (a.isUnresolved() || a.getAddress() == null) {
            throw new IllegalArgumentException("server address " + a + " is not resolved to an IP address");
        }
        if (a.getPort() == 0) {
            throw new IllegalArgumentException("server address " + a + " has port 0");
        }
        return a.getAddress().getAddress();
    }

    private static boolean isIpv4Mapped(byte[] raw) {
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return raw[10] == (byte) 0xFF && raw[11] == (byte) 0xFF;
    }

    private static void need(int remaining, int needed, String what) throws ConnectTokenException {
        if (remaining < needed) {
            throw new ConnectTokenException("connect token is truncated in " + what + ": " + needed + " bytes needed, "
                    + remaining + " left");
        }
    }

    static long u64(byte[] b, int p) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[p + i] & 0xFF);
        }
        return v;
    }

    private static int putU64(byte[] b, int p, long v) {
        for (int i = 7; i >= 0; i--) {
            b[p++] = (byte) (v >>> (i * 8));
        }
        return p;
    }
}
