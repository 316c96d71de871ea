package policybot.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection to 127.0.0.1, for one load-test thread: requests written as
 * ready-made bytes, responses read with no more work than finding the status and the body's length.
 * The load generator shares the two cores with the server it measures; a general client (okhttp
 * cost about 0.8 ms of processor a request with the fake Slack) takes processor time from the
 * server and so makes the server look slower than it is, as wrk's lean loop does not.
 */
final class KeepAlive implements AutoCloseable {
    /** A request as bytes on the wire: {@code POST path} with a JSON body and any extra header lines. */
    record Post(String path, byte[] body, String extraHeaders) {
        byte[] head(int port) {
            return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n" + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** A response: its status and whether it had a body. */
    record Reply(int status, int bodyLength, String bodyStart) {
    }

    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] line = new byte[8192];

    KeepAlive(int port) {
        this.port = port;
    }

    Reply send(Post request) throws IOException {
        if (socket == null) {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16_384);
            out = new BufferedOutputStream(socket.getOutputStream(), 16_384);
        }
        try {
            out.write(request.head(port));
            out.write(request.body());
            out.flush();
            return read();
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Reply read() throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = readLine(); !h.isEmpty(); h = readLine()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).strip();
            String value = h.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        byte[] start = new byte[64];
        int total = 0;
        if (chunked) {
            for (int size = Integer.parseInt(readLine().strip(), 16); size > 0; size = Integer.parseInt(readLine().strip(), 16)) {
                total += skip(size, start, total);
                readLine();
            }
            readLine();
        } else if (length > 0) {
            total = skip(length, start, 0);
        }
        if (close) {
            close();
        }
        return new Reply(code, total, new String(start, 0, Math.min(total, start.length), StandardCharsets.UTF_8));
    }

    /** Reads n bytes, keeping the first few (after {@code already}) in {@code start}; returns n. */
    private int skip(int n, byte[] start, int already) throws IOException {
        for (int i = 0; i < n; i++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed in a body");
            }
            if (already + i < start.length) {
                start[already + i] = (byte) b;
            }
        }
        return n;
    }

    private String readLine() throws IOException {
        String l = line(in, line);
        if (l == null) {
            throw new IOException("the connection closed");
        }
        return l;
    }

    /** A line of an HTTP head without its CRLF (at most {@code buffer}'s length kept), or null at the end of the stream. */
    static String line(InputStream in, byte[] buffer) throws IOException {
        int n = 0;
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (b != '\r' && n < buffer.length) {
                buffer[n++] = (byte) b;
            }
        }
        return new String(buffer, 0, n, StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection that failed
            }
        }
        socket = null;
    }
}
