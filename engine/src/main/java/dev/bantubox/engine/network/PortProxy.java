package dev.bantubox.engine.network;

import dev.bantubox.engine.EngineException;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Publishes one container port: listens on the host side and relays each TCP connection to the
 * container's address. The relay runs in user space because a learner points the browser at
 * 127.0.0.1, and the kernel's DNAT does not apply there: loopback traffic never passes PREROUTING,
 * and routing it out of lo needs route_localnet.
 */
final class PortProxy implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PortProxy.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final PublishedPort port;
    private final Path netNamespace;
    private final String containerLabel;
    private final ServerSocketChannel listener;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private PortProxy(PublishedPort port, Path netNamespace, String containerLabel, ServerSocketChannel listener) {
        this.port = port;
        this.netNamespace = netNamespace;
        this.containerLabel = containerLabel;
        this.listener = listener;
    }

    /**
     * Returns what to do about a failed bind. The JDK reports the kernel's errno only as its text:
     * EADDRINUSE reads "Address already in use", and EADDRNOTAVAIL "Cannot assign requested address",
     * which also comes when the address's interface is down, such as loopback in a fresh namespace.
     */
    private static String bindAdvice(BindException failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("already in use")) {
            return "another program listens there; choose another host port";
        }
        if (message.contains("Cannot assign requested address")) {
            return "the address is not one of this machine's, or its interface is down (127.0.0.1 needs the loopback"
                    + " interface up); publish on an address of a working interface";
        }
        return "check the address and port";
    }

    /**
     * Binds the host side of port in the given network namespace (null: the engine's own), so a port
     * that is already taken fails the launch before the container exists.
     */
    static PortProxy bind(PublishedPort port, Path netNamespace, String containerLabel) {
        InetSocketAddress address = new InetSocketAddress(port.hostAddress(), port.hostPort());
        try {
            ServerSocketChannel listener = NetworkNamespaceThread.call(netNamespace, () -> {
                ServerSocketChannel channel = ServerSocketChannel.open();
                try {
                    channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    channel.bind(address);
                    return channel;
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
            });
            return new PortProxy(port, netNamespace, containerLabel, listener);
        } catch (BindException e) {
            throw new EngineException("cannot publish " + port + ": binding " + port.hostAddress() + ":" + port.hostPort()
                    + " failed (" + e.getMessage() + "); " + bindAdvice(e), e);
        } catch (IOException e) {
            throw new EngineException("cannot publish " + port + ": binding " + port.hostAddress() + ":" + port.hostPort()
                    + " failed (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new EngineException("cannot publish " + port + ": " + e.getMessage(), e);
        }
    }

    /** Starts accepting connections and relaying them to containerAddress. */
    void start(String containerAddress) {
        InetSocketAddress target = new InetSocketAddress(containerAddress, port.containerPort());
        NetworkNamespaceThread.start(netNamespace, "port-" + port.hostPort() + "-" + containerLabel,
                () -> acceptLoop(target),
                failure -> LOG.log(Level.WARNING, "container " + containerLabel + ": port " + port
                        + " is not relayed: " + failure.getMessage(), failure));
    }

    /** Returns the port this proxy publishes. */
    PublishedPort port() {
        return port;
    }

    private void acceptLoop(InetSocketAddress target) {
        while (!closed) {
            SocketChannel client;
            SocketChannel upstream;
            try {
                client = listener.accept();
            } catch (ClosedChannelException stopped) {
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "container " + containerLabel + ": accepting on " + port + " failed", e);
                return;
            }
            try {
                // This thread is in the host-side namespace: the upstream socket must be created here.
                upstream = SocketChannel.open();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "container " + containerLabel + ": cannot open a socket for " + port, e);
                closeQuietly(client);
                continue;
            }
            Thread relay = new Thread(() -> relay(client, upstream, target),
                    "relay-" + port.hostPort() + "-" + containerLabel);
            relay.setDaemon(true);
            relay.start();
        }
    }

    /** Connects upstream to the container and copies both ways until both sides have finished. */
    private void relay(SocketChannel client, SocketChannel upstream, InetSocketAddress target) {
        open.add(client);
        open.add(upstream);
        try {
            upstream.socket().connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            // Nothing listens on the container port (yet): the client sees its connection closed.
            LOG.log(Level.FINE, "container " + containerLabel + ": connecting to " + target + " failed", e);
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        Thread back = new Thread(() -> copy(upstream, client), "relay-back-" + port.hostPort() + "-" + containerLabel);
        back.setDaemon(true);
        back.start();
        copy(client, upstream);
        try {
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        closeQuietly(upstream);
    }

    /** Copies until end of stream, then half-closes the other side so the peer reads end of stream too. */
    private void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // A reset or a close by the other direction ends both directions.
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Stops listening and closes every relayed connection. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        for (SocketChannel channel : open) {
            closeQuietly(channel);
        }
        open.clear();
    }

    private void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing a relayed connection of " + port + " failed", e);
        }
        if (channel instanceof SocketChannel socket) {
            open.remove(socket);
        }
    }
}
