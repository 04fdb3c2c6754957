package org.recgateway.bench;

import java.net.InetAddress;

import org.asteriskjava.fastagi.DefaultAgiServer;

/**
 * asterisk-java's own {@link DefaultAgiServer} serving {@link FloorScript}, in its own process:
 * {@code FloorServer PORT default} keeps its pool (10 core, 500 max threads, no queue: a connection
 * beyond 500 busy threads is closed), {@code FloorServer PORT raised N} raises the pool's maximum to N.
 */
public final class FloorServer {
    private FloorServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        DefaultAgiServer server = new DefaultAgiServer(new FloorScript());
        server.setAddress(InetAddress.getByName("127.0.0.1"));
        server.setPort(port);
        if (args.length > 2 && args[1].equals("raised")) {
            server.setMaximumPoolSize(Integer.parseInt(args[2]));
        }
        System.out.println("floor server (" + String.join(" ", args) + ") starting on 127.0.0.1:" + port);
        server.startup();
    }
}
