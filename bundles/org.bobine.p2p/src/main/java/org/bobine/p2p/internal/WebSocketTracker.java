package org.bobine.p2p.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket tracker at {@code /tracker/socket}: WebRTC signalling for WebTorrent and p2p-media-loader (see
 * {@link SignalTracker}), on Jetty's WebSocket servlet, which Felix HTTP hosts when its Jetty WebSocket support is
 * enabled ({@code org.apache.felix.jetty.websocket.enable}). It reads the {@code tracker} settings of the HTTP
 * tracker: one switch, one privacy rule and one check of known info hashes for both.
 */
@Component(service = Servlet.class, configurationPid = HttpTracker.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@HttpWhiteboardServletPattern("/tracker/socket")
public class WebSocketTracker extends JettyWebSocketServlet {

    /** A client that is silent this long is disconnected (clients announce every two minutes). */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** Messages waiting to be written to one client, in characters, beyond which new ones are dropped. */
    static final long MAX_PENDING_CHARS = 1024 * 1024;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketTracker.class);

    private final transient SignalTracker tracker;
    private final transient ScheduledExecutorService sweeper;

    @Activate
    public WebSocketTracker(@Reference KnownInfoHashes known, HttpTracker.Config config) {
        this.tracker = new SignalTracker(config.enabled(), config.privateTracker(), config.rejectTooManyAnnounces(),
                known, System::currentTimeMillis, 10 * Math.max(0, config.maxAnnouncesPerAddress()));
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bobine-websocket-tracker-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(tracker::expireAll, 30, 30, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setIdleTimeout(IDLE_TIMEOUT);
        // Characters of UTF-8 take up to 3 bytes; the tracker checks the characters again.
        factory.setMaxTextMessageSize(3L * SignalTracker.MAX_MESSAGE_CHARS);
        factory.setMaxBinaryMessageSize(1024);
        factory.setCreator(this::create);
    }

    private Object create(JettyServerUpgradeRequest request, JettyServerUpgradeResponse response)
            throws IOException {
        String address = request.getHttpServletRequest().getRemoteAddr();
        if (tracker.isBlocked(address)) {
            response.sendForbidden("this address announced an unknown torrent; try again later");
            return null;
        }
        return new Endpoint(tracker, address);
    }

    /** A plain request to the socket's address: the upgrade is required. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Upgrade", "websocket");
        response.sendError(426, "This is a WebSocket tracker: connect with a WebSocket client");
    }

    /** One connection: Jetty's listener on one side, the tracker's connection on the other. */
    public static final class Endpoint implements Session.Listener.AutoDemanding, SignalTracker.Connection {
        private final SignalTracker tracker;
        private final String address;
        private final AtomicLong pending = new AtomicLong();
        private volatile Session session;
        private SignalTracker.Client client;

        Endpoint(SignalTracker tracker, String address) {
            this.tracker = tracker;
            this.address = address;
        }

        @Override
        public void onWebSocketOpen(Session opened) {
            this.session = opened;
            this.client = tracker.open(this);
        }

        @Override
        public void onWebSocketText(String message) {
            try {
                tracker.message(client, message);
            } catch (RuntimeException e) {
                LOG.warn("WebSocket tracker: a message from {} failed", address, e);
                close(1011, "server error");
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            callback.succeed();
            send("{\"failure reason\":\"binary messages are not supported\"}");
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (client != null) {
                tracker.closed(client);
            }
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            LOG.debug("WebSocket tracker: connection from {} failed", address, cause);
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public boolean send(String text) {
            Session current = session;
            if (current == null || !current.isOpen()) {
                return false;
            }
            // A client that does not read its messages gets no more of them: its queue stays bounded.
            if (pending.addAndGet(text.length()) > MAX_PENDING_CHARS) {
                pending.addAndGet(-text.length());
                return false;
            }
            current.sendText(text, Callback.from(() -> pending.addAndGet(-text.length()),
                    failure -> pending.addAndGet(-text.length())));
            return true;
        }

        @Override
        public void close(int code, String reason) {
            Session current = session;
            if (current != null && current.isOpen()) {
                current.close(code, reason, Callback.NOOP);
            }
        }
    }
}
