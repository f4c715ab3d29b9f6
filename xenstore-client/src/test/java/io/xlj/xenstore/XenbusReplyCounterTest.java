package io.xlj.xenstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The xenbus transport lets the next request out only when the previous one is answered
 * (see {@link XenbusTransport}); it learns that by following frame boundaries in the
 * stream it reads. The stream arrives in arbitrary pieces, so the count must not depend
 * on where the reads split it. (The transport itself runs against a real kernel in the
 * lab: XenbusTransportTest.)
 */
class XenbusReplyCounterTest {

    @Test
    void countsEveryReplyButWatchEventsWhereverTheStreamIsSplit() {
        Random random = new Random(20261125);
        for (int round = 0; round < 200; round++) {
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            int replies = 0;
            int frames = 1 + random.nextInt(40);
            for (int f = 0; f < frames; f++) {
                boolean watch = random.nextInt(4) == 0;
                int type = watch ? XsType.WATCH_EVENT.code() : random.nextInt(15);
                byte[] payload = new byte[random.nextInt(3) == 0 ? 0 : random.nextInt(5000)];
                random.nextBytes(payload);
                XsMessage m = new XsMessage(type, random.nextInt(), 0, payload);
                ByteBuffer b = ByteBuffer.allocate(m.frameSize());
                m.encode(b);
                stream.write(b.array(), 0, b.position());
                if (!watch) {
                    replies++;
                }
            }
            byte[] all = stream.toByteArray();
            XenbusTransport.ReplyCounter counter = new XenbusTransport.ReplyCounter();
            int counted = 0;
            int at = 0;
            while (at < all.length) {
                int n = Math.min(all.length - at, 1 + random.nextInt(random.nextBoolean() ? 20 : 9000));
                byte[] piece = new byte[n + 7];
                System.arraycopy(all, at, piece, 0, n);
                counted += counter.feed(piece, n);
                at += n;
            }
            assertThat(counted).as("round %d: %d frames", round, frames).isEqualTo(replies);
        }
    }
}
