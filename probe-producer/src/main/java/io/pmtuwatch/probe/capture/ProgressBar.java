package io.pmtuwatch.probe.capture;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr for long reads, redrawn at most every 200 ms. Only used when a
 * terminal is attached (the caller decides): logs and pipes get no control characters.
 */
final class ProgressBar {

    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long total;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = Math.max(1, total);
    }

    void update(long done, long frames) {
        long now = System.nanoTime();
        if (drawn && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        int percent = (int) Math.min(100, done * 100 / total);
        int filled = percent * WIDTH / 100;
        out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "%  " + frames
                + " frames");
        out.flush();
    }

    void finish() {
        if (drawn) {
            out.print("\r" + " ".repeat(WIDTH + 40) + "\r");
            out.flush();
        }
    }
}
