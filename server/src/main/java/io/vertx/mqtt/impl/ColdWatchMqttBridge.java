package io.vertx.mqtt.impl;

import io.vertx.core.Handler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServerOptions;

/**
 * ColdWatch's only class in a Vert.x package: it lets {@code org.coldwatch.server.ingest.MqttListener} run Vert.x
 * MQTT's own protocol handling ({@link MqttServerConnection}, whose {@code handleMessage} is package-private) over a
 * socket the listener owns, exactly as {@code MqttServerImpl.listen} does in vertx-mqtt 5.0.8. Why the listener
 * needs the socket is explained there. Re-check this class against vertx-mqtt's {@code MqttServerImpl} on every
 * Vert.x upgrade; it does nothing else.
 */
public final class ColdWatchMqttBridge {

    private ColdWatchMqttBridge() {
    }

    /**
     * Serves MQTT on {@code socket}, whose pipeline already holds the MQTT codec: decoded messages go to Vert.x's
     * connection handling, which calls {@code endpointHandler} on CONNECT.
     */
    public static void serve(NetSocketInternal socket, Handler<MqttEndpoint> endpointHandler,
                             Handler<Throwable> exceptionHandler, MqttServerOptions options) {
        MqttServerConnection connection = new MqttServerConnection(socket, endpointHandler, exceptionHandler, options);
        socket.messageHandler(message -> {
            synchronized (connection) {
                connection.handleMessage(message);
            }
        });
    }
}
