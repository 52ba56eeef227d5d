package com.mandatewatch.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny real SMTP server on a real socket, speaking just enough SMTP to inject the faults GreenMail cannot:
 * a 451 or 550 reply to the message, a server that never greets, a connection dropped after DATA before the
 * reply, and idle connections closed by the server. The behaviour can change while it runs.
 */
public final class SmtpStub implements AutoCloseable {
    public enum Mode { OK, TEMPFAIL_451, PERMFAIL_550, NO_GREETING, DROP_AFTER_DATA_ONCE }

    /** One message the stub accepted: its recipients and its raw content. */
    public record Received(List<String> to, String data) {
        public String messageId() {
            for (String line : data.split("\r\n")) if (line.regionMatches(true, 0, "Message-ID:", 0, 11)) return line.substring(11).trim();
            return null;
        }
    }

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger dataAttempts = new AtomicInteger();
    private volatile Mode mode = Mode.OK;
    /** > 0: the server closes a connection idle for this long (C33). */
    private volatile int idleCloseMs;

    public SmtpStub() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "smtp-stub");
        t.setDaemon(true);
        t.start();
    }

    public int port() { return server.getLocalPort(); }

    public void mode(Mode m) { mode = m; }

    public void idleCloseMs(int ms) { idleCloseMs = ms; }

    public long countTo(String recipient) { return received.stream().filter(r -> r.to().contains(recipient)).count(); }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> serve(s), "smtp-stub-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            if (mode == Mode.NO_GREETING) {
                // accept the TCP connection and say nothing, ever (C32)
                while (!s.isClosed() && s.getInputStream().read() >= 0) { /* swallow */ }
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = s.getOutputStream();
            reply(out, "220 stub ESMTP");
            List<String> to = new CopyOnWriteArrayList<>();
            while (true) {
                if (idleCloseMs > 0) s.setSoTimeout(idleCloseMs);
                String line;
                try {
                    line = in.readLine();
                } catch (java.net.SocketTimeoutException idle) {
                    return; // the server's own idle cut: no 421, just gone (C33)
                }
                if (line == null) return;
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (cmd) {
                    case "EHLO", "HELO" -> reply(out, "250-stub\r\n250 8BITMIME");
                    case "MAIL" -> {
                        to.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        to.add(line.replaceAll("(?i)^RCPT TO:\\s*<?([^>]*)>?.*$", "$1"));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        StringBuilder data = new StringBuilder();
                        String l;
                        s.setSoTimeout(0);
                        while ((l = in.readLine()) != null && !l.equals(".")) data.append(l).append("\r\n");
                        int attempt = dataAttempts.incrementAndGet();
                        Mode m = mode;
                        if (m == Mode.DROP_AFTER_DATA_ONCE) {
                            // the message was taken, but the reply is lost: the client cannot know (C24 variant)
                            received.add(new Received(List.copyOf(to), data.toString()));
                            mode = Mode.OK;
                            return;
                        }
                        if (m == Mode.TEMPFAIL_451) reply(out, "451 4.3.0 try again later (attempt " + attempt + ")");
                        else if (m == Mode.PERMFAIL_550) reply(out, "550 5.1.1 mailbox unavailable");
                        else {
                            received.add(new Received(List.copyOf(to), data.toString()));
                            reply(out, "250 OK queued");
                        }
                    }
                    case "RSET", "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (SocketException closed) {
            // the client or close() cut the connection
        } catch (IOException e) {
            // a broken test connection ends this session only
        } finally {
            open.remove(s);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) s.close();
    }
}
