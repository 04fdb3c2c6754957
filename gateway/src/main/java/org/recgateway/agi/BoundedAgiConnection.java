package org.recgateway.agi;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import org.asteriskjava.util.SocketConnectionFacade;

/**
 * One FastAGI socket as asterisk-java's reader and writer see it, with the limits its own socket
 * facade lacks: a line is at most {@value #MAX_LINE_BYTES} bytes (Asterisk's own command limit), the
 * request header at most {@value #MAX_HEADER_LINES} lines and must arrive within the header timeout
 * (a half-sent request ends the session, it does not hold a thread for hours). Bytes that are not
 * UTF-8 become replacement characters: caller ID is data, never trusted to be well formed.
 */
final class BoundedAgiConnection implements SocketConnectionFacade {
    static final int MAX_LINE_BYTES = 8192;
    static final int MAX_HEADER_LINES = 256;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int replyTimeoutMillis;
    private byte[] line = new byte[256];
    private boolean headerDone;
    private int headerLines;
    private volatile AgiInputException failure;

    BoundedAgiConnection(Socket socket, Duration headerTimeout, Duration replyTimeout) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 512);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1024);
        this.replyTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, replyTimeout.toMillis());
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, headerTimeout.toMillis()));
        socket.setTcpNoDelay(true);
    }

    @Override
    public String readLine() throws IOException {
        try {
            return readBoundedLine();
        } catch (AgiInputException e) {
            failure = e;
            throw e;
        } catch (SocketTimeoutException e) {
            if (headerDone) {
                throw e;
            }
            failure = new AgiInputException("half-sent", "no complete AGI request header within the header timeout");
            throw failure;
        }
    }

    /** The limit this connection broke, or null. */
    AgiInputException failure() {
        return failure;
    }

    private String readBoundedLine() throws IOException {
        int length = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (length == 0) {
                    return null;
                }
                throw new AgiInputException("half-sent", "connection closed in the middle of a line");
            }
            if (b == '\n') {
                break;
            }
            if (length == MAX_LINE_BYTES) {
                throw new AgiInputException("oversized", "AGI line longer than " + MAX_LINE_BYTES + " bytes");
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, line.length * 2));
            }
            line[length++] = (byte) b;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        if (!headerDone) {
            if (length == 0) {
                headerDone();
            } else if (++headerLines > MAX_HEADER_LINES) {
                throw new AgiInputException("oversized", "AGI request header longer than " + MAX_HEADER_LINES + " lines");
            }
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }

    private void headerDone() throws IOException {
        headerDone = true;
        socket.setSoTimeout(replyTimeoutMillis);
        if (line.length > 1024) {
            line = new byte[256];
        }
    }

    @Override
    public void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    @Override
    public boolean isConnected() {
        return socket.isConnected();
    }

    @Override
    public InetAddress getLocalAddress() {
        return socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return socket.getLocalPort();
    }

    @Override
    public InetAddress getRemoteAddress() {
        return socket.getInetAddress();
    }

    @Override
    public int getRemotePort() {
        return socket.getPort();
    }

    /** Input that breaks the protocol's limits; {@code kind} is a metric tag. */
    static final class AgiInputException extends IOException {
        final String kind;

        AgiInputException(String kind, String message) {
            super(message);
            this.kind = kind;
        }
    }
}
