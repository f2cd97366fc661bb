package org.bobine.p2p.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The tracker's swarms, in memory: per info hash, the peers that announced within the peer lifetime. Peers that
 * stop announcing expire; a swarm without peers goes. Bounded: peers per swarm and swarms in all.
 */
final class Swarms {

    /** Why an announce is refused; its message is the bencoded {@code failure reason}. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * A peer as it announced.
     *
     * @param address 4 bytes (IPv4) or 16 (IPv6)
     */
    record Peer(String peerId, byte[] address, int port, boolean seeder, long seenAt) {
    }

    /** What an announce answers: the swarm's counts and some other peers. */
    record Answer(int complete, int incomplete, List<Peer> peers) {
    }

    /** BEP 48's counts of a swarm. */
    record Counts(int complete, int incomplete, int downloaded) {
        static final Counts NONE = new Counts(0, 0, 0);
    }

    private static final class Swarm {
        final LinkedHashMap<String, Peer> peers = new LinkedHashMap<>();
        int downloaded;
        int seeders;
    }

    private final Map<String, Swarm> swarms = new ConcurrentHashMap<>();
    private final int maxPeersPerSwarm;
    private final int maxSwarms;
    private final long peerLifetimeMs;
    private final LongSupplier clock;

    Swarms(int maxPeersPerSwarm, int maxSwarms, long peerLifetimeMs, LongSupplier clock) {
        this.maxPeersPerSwarm = maxPeersPerSwarm;
        this.maxSwarms = maxSwarms;
        this.peerLifetimeMs = peerLifetimeMs;
        this.clock = clock;
    }

    /**
     * Records an announce and answers it.
     *
     * @param event {@code started}, {@code completed}, {@code stopped}, or empty/null for a regular announce
     * @param numwant how many peers to return, already bounded by the caller
     */
    Answer announce(String infoHash, String peerId, byte[] address, int port, long left, String event, int numwant)
            throws Refused {
        long now = clock.getAsLong();
        boolean stopped = "stopped".equals(event);
        while (true) {
            Swarm swarm = swarms.get(infoHash);
            if (swarm == null) {
                if (stopped) {
                    return new Answer(0, 0, List.of());
                }
                if (swarms.size() >= maxSwarms) {
                    expireAll();
                    if (swarms.size() >= maxSwarms) {
                        throw new Refused("the tracker is full");
                    }
                }
                swarm = swarms.computeIfAbsent(infoHash, h -> new Swarm());
            }
            synchronized (swarm) {
                if (swarms.get(infoHash) != swarm) {
                    continue; // emptied and dropped meanwhile
                }
                return announce(infoHash, swarm, peerId, address, port, left, event, numwant, now);
            }
        }
    }

    private Answer announce(String infoHash, Swarm swarm, String peerId, byte[] address, int port, long left,
            String event, int numwant, long now) throws Refused {
        expire(swarm, now);
        Peer previous = swarm.peers.remove(peerId);
        if (previous != null && previous.seeder()) {
            swarm.seeders--;
        }
        if ("stopped".equals(event)) {
            dropIfEmpty(infoHash, swarm);
            return new Answer(swarm.seeders, swarm.peers.size() - swarm.seeders, List.of());
        }
        if (swarm.peers.size() >= maxPeersPerSwarm) {
            dropIfEmpty(infoHash, swarm);
            throw new Refused("the swarm is full");
        }
        Peer peer = new Peer(peerId, address, port, left == 0, now);
        swarm.peers.put(peerId, peer);
        if (peer.seeder()) {
            swarm.seeders++;
        }
        if ("completed".equals(event) && (previous == null || !previous.seeder())) {
            swarm.downloaded++;
        }
        return new Answer(swarm.seeders, swarm.peers.size() - swarm.seeders, pick(swarm, peer, numwant));
    }

    /** BEP 48: the counts of a swarm. */
    Counts counts(String infoHash) {
        Swarm swarm = swarms.get(infoHash);
        if (swarm == null) {
            return Counts.NONE;
        }
        synchronized (swarm) {
            expire(swarm, clock.getAsLong());
            return new Counts(swarm.seeders, swarm.peers.size() - swarm.seeders, swarm.downloaded);
        }
    }

    /** Removes expired peers and empty swarms everywhere. */
    void expireAll() {
        long now = clock.getAsLong();
        for (Map.Entry<String, Swarm> entry : swarms.entrySet()) {
            synchronized (entry.getValue()) {
                expire(entry.getValue(), now);
                dropIfEmpty(entry.getKey(), entry.getValue());
            }
        }
    }

    int swarmCount() {
        return swarms.size();
    }

    /** Peers are kept in the order of their last announce, so the expired ones are first. */
    private void expire(Swarm swarm, long now) {
        Iterator<Peer> peers = swarm.peers.values().iterator();
        while (peers.hasNext()) {
            Peer peer = peers.next();
            if (now - peer.seenAt() < peerLifetimeMs) {
                break;
            }
            if (peer.seeder()) {
                swarm.seeders--;
            }
            peers.remove();
        }
    }

    private void dropIfEmpty(String infoHash, Swarm swarm) {
        if (swarm.peers.isEmpty()) {
            swarms.remove(infoHash, swarm);
        }
    }

    /** Up to {@code numwant} other peers, chosen at random; a seeder gets no seeders. */
    private static List<Peer> pick(Swarm swarm, Peer self, int numwant) {
        if (numwant <= 0) {
            return List.of();
        }
        List<Peer> candidates = new ArrayList<>(swarm.peers.size());
        for (Peer peer : swarm.peers.values()) {
            if (peer != self && !(self.seeder() && peer.seeder())) {
                candidates.add(peer);
            }
        }
        if (candidates.size() > numwant) {
            Collections.shuffle(candidates, ThreadLocalRandom.current());
            return List.copyOf(candidates.subList(0, numwant));
        }
        return candidates;
    }
}
