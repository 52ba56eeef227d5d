package com.mandatewatch.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A WebSocket client on a bare TCP socket, for peers no library would play: one that stops reading (its
 * receive window fills, C27) and one that reads but never answers a ping (C28). It does the handshake and
 * then only what the test asks.
 */
public final class RawWebSocket implements AutoCloseable {
    public final Socket socket;
    private final InputStream in;

    /** A frame as read: opcode and payload length. */
    public record Frame(int opcode, int length) {
        public boolean close() { return opcode == 0x8; }

        public boolean ping() { return opcode == 0x9; }
    }

    public RawWebSocket(int port, String query, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer); // before connect: it sets the window offered
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        OutputStream out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("mandate-watch-16".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET /ws/alerts?" + query + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed during the handshake: " + head);
            head.write(b);
        }
        if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) throw new IOException("no upgrade: " + head);
    }

    /** Reads the next frame (skipping its payload), or null at end of stream. */
    public Frame next() throws IOException {
        int b0 = in.read();
        if (b0 < 0) return null;
        int b1 = in.read();
        if (b1 < 0) return null;
        long len = b1 & 0x7f;
        if (len == 126) len = (in.read() << 8) | in.read();
        else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) len = (len << 8) | in.read();
        }
        if ((b1 & 0x80) != 0) in.readNBytes(4);
        in.readNBytes((int) len);
        return new Frame(b0 & 0x0f, (int) len);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
