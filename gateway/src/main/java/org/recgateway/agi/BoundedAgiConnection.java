package org.recgateway.agi;

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
 * request header at most {@value #MAX_HEADER_LINES} lines and must be complete by the header
 * deadline: one deadline for the whole header, counted from the connection's arrival, so a peer
 * that drips one byte at a time does not restart it (a half-sent request ends the session, it does
 * not hold a thread for hours). {@link #readHeader()} reads the whole header before any script
 * runs; asterisk-java then reads it from memory. Bytes that are not UTF-8 become replacement
 * characters: caller ID is data, never trusted to be well formed.
 */
final class BoundedAgiConnection implements SocketConnectionFacade {
    static final int MAX_LINE_BYTES = 8192;
    static final int MAX_HEADER_LINES = 256;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int replyTimeoutMillis;
    private final long headerDeadlineNanos;
    private final java.util.ArrayDeque<String> header = new java.util.ArrayDeque<>();
    /** Bytes read from the socket and not yet taken: {@code buffer[position..limit)}. */
    private final byte[] buffer = new byte[512];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private boolean headerDone;
    private int headerLines;
    private volatile AgiInputException failure;

    BoundedAgiConnection(Socket socket, Duration headerTimeout, Duration replyTimeout) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1024);
        this.replyTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, replyTimeout.toMillis());
        this.headerDeadlineNanos = System.nanoTime() + headerTimeout.toNanos();
        socket.setTcpNoDelay(true);
    }

    /**
     * Reads the request header up to its blank line, within the header deadline, and keeps it for
     * asterisk-java's reader.
     *
     * @throws AgiInputException when the header breaks a limit, misses the deadline, or the
     *                           connection ends first (also recorded as {@link #failure()})
     */
    void readHeader() throws IOException {
        while (!headerDone) {
            String l = readFromSocket();
            if (l == null) {
                failure = new AgiInputException("half-sent", "connection closed before the AGI request header was complete");
                throw failure;
            }
            header.add(l);
        }
    }

    @Override
    public String readLine() throws IOException {
        if (!header.isEmpty()) {
            return header.poll();
        }
        return readFromSocket();
    }

    private String readFromSocket() throws IOException {
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
        } catch (java.net.SocketException e) {
            if (headerDone) {
                throw e;
            }
            failure = new AgiInputException("half-sent", "connection closed while the AGI request header was arriving: " + e.getMessage());
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
            int b = next();
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

    /**
     * The next byte, or -1 at the end of the stream: taken from this connection's own buffer, which is refilled
     * with one socket read when empty (one read per reply, not a locked stream call per byte). While the header is
     * still arriving, each refill waits at most until the header deadline.
     */
    private int next() throws IOException {
        if (position == limit) {
            if (!headerDone) {
                long left = headerDeadlineNanos - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("header deadline passed");
                }
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
            }
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                return -1;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xff;
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
