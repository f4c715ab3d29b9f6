package io.xlj.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A dependency-free line client, run by the daemon tests as another user (nobody), who cannot
 * read the Maven repository: {@code RawLineClient SOCKET LINE...} sends each line, prints the
 * reply line; prints {@code EOF} when the daemon closes and {@code CONNECT-FAILED: ...} when
 * the connection is refused. Reads the reply before sending, so a refusal sent at accept time
 * shows up first. After the last line it prints what else arrives until the daemon closes.
 */
public final class RawLineClient {

    private RawLineClient() {
    }

    public static void main(String[] args) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
        } catch (IOException e) {
            System.out.println("CONNECT-FAILED: " + e.getMessage());
            return;
        }
        for (int i = 1; i < args.length; i++) {
            try {
                ch.write(ByteBuffer.wrap((args[i] + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                System.out.println("WRITE-FAILED: " + e.getMessage());
            }
            String reply = readLine(ch);
            System.out.println(reply == null ? "EOF" : reply);
            if (reply == null) {
                return;
            }
        }
        // Done sending: the daemon sees end of input and closes; print whatever else comes.
        ch.shutdownOutput();
        String more;
        while ((more = readLine(ch)) != null) {
            System.out.println(more);
        }
        System.out.println("EOF");
        System.out.flush();
    }

    private static String readLine(SocketChannel ch) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            one.clear();
            int n;
            try {
                n = ch.read(one);
            } catch (IOException e) {
                n = -1;
            }
            if (n < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (one.get(0) == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(one.get(0));
        }
    }
}
