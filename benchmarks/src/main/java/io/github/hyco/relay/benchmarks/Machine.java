// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Facts about the machine the numbers were taken on. */
final class Machine {

    private Machine() {
    }

    static Map<String, Object> facts(List<String> childFlags, boolean node) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", firstMatching(Path.of("/proc/cpuinfo"), "model name").replaceFirst(".*:\\s*", ""));
        m.put("mem_total", firstMatching(Path.of("/proc/meminfo"), "MemTotal:").replaceFirst("MemTotal:\\s*", ""));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        m.put("runner_jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("child_jvm_flags", String.join(" ", childFlags));
        m.put("open_files_limit", firstMatching(Path.of("/proc/self/limits"), "Max open files").replaceAll("\\s+", " "));
        m.put("node", node ? command("node", "--version") : "not used");
        m.put("hyco_ws", "1.0.5 (node-peers)");
        return m;
    }

    static Map<String, Object> load() {
        Map<String, Object> m = new LinkedHashMap<>();
        try {
            m.put("loadavg", Files.readString(Path.of("/proc/loadavg")).trim());
        } catch (IOException e) {
            m.put("loadavg", String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
        return m;
    }

    static double load1() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String firstMatching(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
