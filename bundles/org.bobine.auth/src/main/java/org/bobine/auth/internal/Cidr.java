package org.bobine.auth.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** An address range in CIDR notation ({@code 192.168.0.0/16}, {@code 2001:db8::/32}), IPv4 or IPv6. */
record Cidr(byte[] network, int prefix) {

    /**
     * @throws IllegalArgumentException if {@code text} is not an IP address with an optional {@code /prefix}
     */
    static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!address.matches("[0-9a-fA-F:.]+")) {
            // Only literal addresses: nothing here may trigger a DNS lookup.
            throw new IllegalArgumentException("Not an IP range: " + text);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Not an IP range: " + text, e);
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not an IP range: " + text, e);
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("Not an IP range: " + text);
            }
        }
        return new Cidr(bytes, prefix);
    }

    boolean contains(String address) {
        if (address == null || !address.matches("[0-9a-fA-F:.\\[\\]]+")) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address.replace("[", "").replace("]", "")).getAddress();
        } catch (UnknownHostException e) {
            return false;
        }
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    static boolean anyContains(List<Cidr> ranges, String address) {
        return ranges.stream().anyMatch(range -> range.contains(address));
    }
}
