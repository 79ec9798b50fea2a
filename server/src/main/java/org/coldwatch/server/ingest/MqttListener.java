package org.coldwatch.server.ingest;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.impl.ColdWatchMqttBridge;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT listening socket (plain TCP or TLS), serving Vert.x MQTT's own protocol handling.
 *
 * <p><b>Why not {@code MqttServer}:</b> Vert.x MQTT 5.0.8's {@code MqttServer} keeps its {@code NetServer} and each
 * connection's {@code NetSocket} to itself. Without them the endpoint can neither count failed TLS handshakes (they
 * are reported only to the {@code NetServer}'s exception handler) nor stop reading from a connection
 * ({@code NetSocket.pause()}, which turns off Netty's auto-read, so TCP flow control holds the client back). This
 * class does what {@code MqttServerImpl.listen} does, over a public {@code NetServer}: the same Netty MQTT codec and
 * connect timeout in the pipeline, and Vert.x's own {@code MqttServerConnection} for the protocol (reached through
 * {@link ColdWatchMqttBridge}, as its message handler is package-private), so every {@link MqttEndpoint} behaves
 * exactly as before. It depends on 5.0.8's pipeline
 * handler names ({@code handler}, {@code idle}, {@code timeoutOnConnect}); re-check them when upgrading Vert.x.
 */
final class MqttListener {
    private static final Logger LOG = LoggerFactory.getLogger(MqttListener.class);
    private static final String VERTX_HANDLER = "handler";
    private static final String IDLE = "idle";

    private final NetServer server;

    private MqttListener(NetServer server) {
        this.server = server;
    }

    /**
     * Listens.
     *
     * @param onEndpoint         called with each CONNECT and the socket it came on
     * @param onHandshakeFailure called for each connection whose TLS handshake failed
     * @return the listener once bound; fails if the address cannot be bound or the TLS files cannot be read
     */
    static Future<MqttListener> listen(Vertx vertx, MqttServerOptions options,
                                       BiConsumer<MqttEndpoint, NetSocket> onEndpoint,
                                       Consumer<Throwable> onHandshakeFailure) {
        NetServer server = vertx.createNetServer(options);
        server.exceptionHandler(onHandshakeFailure::accept);
        server.connectHandler(socket -> serve((NetSocketInternal) socket, options, onEndpoint));
        return server.listen(options.getPort(), options.getHost()).map(MqttListener::new);
    }

    private static void serve(NetSocketInternal socket, MqttServerOptions options,
                              BiConsumer<MqttEndpoint, NetSocket> onEndpoint) {
        ChannelPipeline pipeline = socket.channelHandlerContext().pipeline();
        pipeline.addBefore(VERTX_HANDLER, "mqttEncoder", MqttEncoder.INSTANCE);
        pipeline.addBefore(VERTX_HANDLER, "mqttDecoder",
                new MqttDecoder(options.getMaxMessageSize(), options.getMaxClientIdLength()));
        // removed by MqttServerConnection when the CONNECT arrives, replaced by the keep-alive idle handler
        pipeline.addBefore(VERTX_HANDLER, IDLE, new IdleStateHandler(options.timeoutOnConnect(), 0, 0));
        pipeline.addBefore(VERTX_HANDLER, "timeoutOnConnect", new CloseWhenIdle(() -> false, null, true));
        socket.eventHandler(ReferenceCountUtil::release);
        ColdWatchMqttBridge.serve(socket, endpoint -> onEndpoint.accept(endpoint, socket),
                e -> LOG.debug("mqtt connection error before CONNECT: {}", e.toString()), options);
    }

    /**
     * Calls {@code onTimeout} when the connection has been silent for 1.5 x its keep-alive, just before it is closed.
     * The keep-alive is the client's (Vert.x's own check, which then closes), or {@code serverKeepAliveSeconds} if
     * that is above 0 (the MQTT 5 Server Keep Alive the CONNACK announces; this check closes). While
     * {@code pausedByServer} is true the silence is ours (the endpoint is not reading), so the check is skipped and
     * the connection stays open. Call from the endpoint handler, before accepting.
     */
    static void onKeepAliveTimeout(NetSocket socket, int serverKeepAliveSeconds, BooleanSupplier pausedByServer,
                                   Runnable onTimeout) {
        ChannelPipeline pipeline = ((NetSocketInternal) socket).channelHandlerContext().pipeline();
        boolean vertxChecks = pipeline.get(IDLE) != null;
        if (serverKeepAliveSeconds > 0) {
            IdleStateHandler idle = new IdleStateHandler((int) Math.ceil(1.5 * serverKeepAliveSeconds), 0, 0);
            if (vertxChecks) {
                pipeline.replace(IDLE, IDLE, idle);
            } else {
                pipeline.addBefore(VERTX_HANDLER, IDLE, idle);
            }
        }
        if (vertxChecks || serverKeepAliveSeconds > 0) {
            pipeline.addAfter(IDLE, "keepAliveWatch", new CloseWhenIdle(pausedByServer, onTimeout, !vertxChecks));
        }
    }

    /** The bound port. */
    int actualPort() {
        return server.actualPort();
    }

    /** Stops listening and closes its connections. */
    Future<Void> close() {
        return server.close();
    }

    /**
     * On reader idle: swallowed while the server itself does not read; otherwise reports (if there is a callback)
     * and closes the connection itself, or passes the event on to Vert.x's keep-alive handler, which closes.
     */
    private static final class CloseWhenIdle extends ChannelDuplexHandler {
        private final BooleanSupplier pausedByServer;
        private final Runnable onIdle;
        private final boolean close;

        CloseWhenIdle(BooleanSupplier pausedByServer, Runnable onIdle, boolean close) {
            this.pausedByServer = pausedByServer;
            this.onIdle = onIdle;
            this.close = close;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
                if (pausedByServer.getAsBoolean()) {
                    return;
                }
                if (onIdle != null) {
                    onIdle.run();
                }
                if (close) {
                    ctx.channel().close();
                    return;
                }
            }
            super.userEventTriggered(ctx, event);
        }
    }
}
