package kr.sbert.workbench.core.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a small HTTP body (repo info) within a byte budget and a wall-time deadline: the JDK's
 * request timeout ends at the headers, so a server sending its body at 1 byte/s, or without end,
 * is cut off here. The stream is closed by a timer at the deadline, which wakes a blocked read.
 */
final class BoundedBody {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hub-body-deadline");
        t.setDaemon(true);
        return t;
    });

    private BoundedBody() {
    }

    /** The body as UTF-8 (malformed bytes replaced); closes the stream. */
    static String read(InputStream body, long maxBytes, Duration deadline, String what) throws HubException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> timer = TIMER.schedule(() -> {
            expired.set(true);
            try {
                body.close();
            } catch (IOException ignored) {
                // closing only to end the read
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try (body) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = body.read(buf)) >= 0) {
                out.write(buf, 0, n);
                if (out.size() > maxBytes) {
                    throw new HubException(what + " larger than " + (maxBytes >> 20) + " MB; check HF_ENDPOINT");
                }
                if (expired.get()) {
                    break;
                }
            }
            if (expired.get()) {
                throw deadlineMissed(what, deadline);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            if (expired.get()) {
                throw deadlineMissed(what, deadline);
            }
            throw new HubException(what + " but the connection failed (" + HubClient.describe(e) + ")", e);
        } finally {
            timer.cancel(false);
        }
    }

    private static HubException deadlineMissed(String what, Duration deadline) {
        return new HubException(what + " too slowly (not complete after " + deadline.toSeconds()
                + " s); check the network or HF_ENDPOINT");
    }
}
