package mnistlab.serve;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What one client may hold of the server: at most {@link #PER_CLIENT} connections from one
 * address, and a connection that has not finished its first request's line and headers within
 * {@link #HEADER_SECONDS} is closed. Jetty reads headers without a thread each, so slow clients
 * cannot starve the others; these bound what they can keep open (slowloris). Jetty has a limit
 * for all connections ({@code NetworkConnectionLimit}) but none per client, hence this listener.
 */
final class ClientLimits implements Connection.Listener {
    /** Enough for a benchmark's 32 connections and a few pages; the server's own limit is higher. */
    static final int PER_CLIENT = 64;
    /** Time for a connection's first request line and headers. */
    static final long HEADER_SECONDS = 10;

    private final Scheduler scheduler;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    /** Whose each connection is: once closed, a connection no longer knows its remote address. */
    private final ConcurrentHashMap<Connection, InetAddress> clients = new ConcurrentHashMap<>();

    ClientLimits(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void onOpened(Connection connection) {
        SocketAddress remote = connection.getEndPoint().getRemoteSocketAddress();
        if (remote instanceof InetSocketAddress address) {
            InetAddress client = address.getAddress();
            clients.put(connection, client);
            if (open.merge(client, 1, Integer::sum) > PER_CLIENT) {
                connection.close();
                return;
            }
        }
        scheduler.schedule(() -> {
            if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
                connection.close();
            }
        }, HEADER_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress client = clients.remove(connection);
        if (client != null) {
            open.computeIfPresent(client, (c, count) -> count > 1 ? count - 1 : null);
        }
    }
}
