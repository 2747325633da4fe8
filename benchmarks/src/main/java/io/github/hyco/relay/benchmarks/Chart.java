// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The headline chart, drawn with java.awt: each bar is a median normalised to the direct server's
 * (direct = 1.0), labelled with the absolute value; throughput on the left (higher is better),
 * latencies on the right (lower is better).
 */
final class Chart {

    private static final String[] TARGETS = {"direct", "relayed", "hyco-ws"};
    private static final Color[] COLORS = {new Color(0x8a8a8a), new Color(0x1f77b4), new Color(0xff7f0e)};
    private static final String[] NAMES = {"direct Tyrus (no relay)", "relayed (ours)", "relayed (hyco-ws, Node)"};

    private Chart() {
    }

    record Group(String label, String[] keys, String unit, double scale) {
    }

    static void draw(Path results, Path png) throws IOException {
        JsonObject summary = Json.createObjectBuilder().build();
        JsonObject merged = merged(results);
        if (merged.isEmpty()) {
            return;
        }
        summary = merged;
        System.setProperty("java.awt.headless", "true");
        List<Group> left = List.of(
                group("1 KiB", "throughput.1KiB.%s.mb_per_s", "MB/s", 1),
                group("64 KiB", "throughput.64KiB.%s.mb_per_s", "MB/s", 1),
                group("1 MiB", "throughput.1MiB.%s.mb_per_s", "MB/s", 1));
        List<Group> right = List.of(
                group("echo 64 B p50", "echo.64B/1s.%s.p50_us", "ms", 1e-3),
                group("echo 4 KiB ×16 p99", "echo.4096B/16s.%s.p99_us", "ms", 1e-3),
                group("connect p50", "connect.%s.p50_us", "ms", 1e-3));
        int w = 1200;
        int h = 560;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("hyco-jakarta: relayed vs direct on the same machine (bar = value / direct; label = median)", 20, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i < TARGETS.length; i++) {
            g.setColor(COLORS[i]);
            g.fillRect(20 + i * 240, 45, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(NAMES[i], 40 + i * 240, 57);
        }
        panel(g, summary, "One-way throughput, binary (higher is better)", left, 20, 80, 560, 450);
        panel(g, summary, "Latency (lower is better)", right, 620, 80, 560, 450);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static Group group(String label, String pattern, String unit, double scale) {
        String[] keys = new String[TARGETS.length];
        for (int i = 0; i < TARGETS.length; i++) {
            keys[i] = String.format(pattern, TARGETS[i]);
        }
        return new Group(label, keys, unit, scale);
    }

    private static JsonObject merged(Path results) throws IOException {
        var b = Json.createObjectBuilder();
        for (String s : List.of("echo", "throughput", "connect")) {
            Path f = results.resolve(s + ".json");
            if (Files.exists(f)) {
                try (JsonReader r = Json.createReader(Files.newBufferedReader(f))) {
                    r.readObject().getJsonObject("summary").forEach(b::add);
                }
            }
        }
        return b.build();
    }

    private static double median(JsonObject summary, String key) {
        JsonObject o = summary.getJsonObject(key);
        if (o == null || o.isNull("median")) {
            return Double.NaN;
        }
        return o.getJsonNumber("median").doubleValue();
    }

    private static void panel(Graphics2D g, JsonObject summary, String title, List<Group> groups, int x, int y, int w, int h) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, x, y + 10);
        int top = y + 30;
        int bottom = y + h - 40;
        int left = x + 40;
        double maxRatio = 1.0;
        List<double[]> ratios = new ArrayList<>();
        for (Group gr : groups) {
            double direct = median(summary, gr.keys()[0]);
            double[] r = new double[TARGETS.length];
            for (int i = 0; i < TARGETS.length; i++) {
                r[i] = median(summary, gr.keys()[i]) / direct;
                if (!Double.isNaN(r[i])) {
                    maxRatio = Math.max(maxRatio, r[i]);
                }
            }
            ratios.add(r);
        }
        maxRatio = Math.ceil(maxRatio * 1.1 * 2) / 2;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(new Color(0xdddddd));
        for (double t = 0; t <= maxRatio + 1e-9; t += maxRatio > 6 ? 1 : 0.5) {
            int yy = bottom - (int) ((bottom - top) * t / maxRatio);
            g.setColor(new Color(0xe5e5e5));
            g.drawLine(left, yy, x + w, yy);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(java.util.Locale.ROOT, "%.1f×", t), x, yy + 4);
        }
        int yOne = bottom - (int) ((bottom - top) / maxRatio);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        g.drawLine(left, yOne, x + w, yOne);
        g.setStroke(new BasicStroke(1));
        int groupWidth = (x + w - left) / groups.size();
        int barWidth = (groupWidth - 30) / TARGETS.length;
        for (int gi = 0; gi < groups.size(); gi++) {
            Group gr = groups.get(gi);
            int gx = left + gi * groupWidth + 15;
            for (int i = 0; i < TARGETS.length; i++) {
                double r = ratios.get(gi)[i];
                if (Double.isNaN(r)) {
                    continue;
                }
                int bh = (int) ((bottom - top) * r / maxRatio);
                g.setColor(COLORS[i]);
                g.fillRect(gx + i * barWidth, bottom - bh, barWidth - 4, bh);
                g.setColor(Color.BLACK);
                double abs = median(summary, gr.keys()[i]) * gr.scale();
                String label = Report.f(abs);
                g.drawString(label, gx + i * barWidth + 2, bottom - bh - 4);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(gr.label() + " (" + gr.unit() + ")", gx, bottom + 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
        g.setColor(Color.BLACK);
        g.drawLine(left, bottom, x + w, bottom);
    }
}
