package io.thinkwatch.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives one process the first core of this machine to itself and the others the remaining cores, for as long as it
 * is open, with {@code taskset(1)} (util-linux) on every thread of each process; closing gives every process every
 * core again. Threads a process starts later inherit the cores of the thread that starts them.
 */
public final class CoreSplit implements AutoCloseable {

    private final int cores;
    private final List<Long> pids = new ArrayList<>();

    private CoreSplit(int cores) {
        this.cores = cores;
    }

    /** Core 0 for {@code alone}, cores 1 to n-1 for {@code others}; needs at least two cores. */
    public static CoreSplit of(long alone, List<Long> others) throws IOException, InterruptedException {
        int cores = Runtime.getRuntime().availableProcessors();
        if (cores < 2) {
            throw new IllegalStateException("A core split needs at least two cores, this machine gives " + cores);
        }
        CoreSplit split = new CoreSplit(cores);
        try {
            split.pin(alone, "0");
            for (long pid : others) {
                split.pin(pid, "1-" + (cores - 1));
            }
        } catch (IOException | RuntimeException e) {
            split.close();
            throw e;
        }
        return split;
    }

    /** For reports, e.g. "core 0 / core 1" or "core 0 / cores 1-7". */
    public String describe() {
        return cores > 2 ? "core 0 / cores 1-" + (cores - 1) : "core 0 / core 1";
    }

    private void pin(long pid, String cpuList) throws IOException, InterruptedException {
        pids.add(pid);
        taskset(pid, cpuList);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        IOException failed = null;
        for (long pid : pids) {
            try {
                taskset(pid, "0-" + (cores - 1));
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    private static void taskset(long pid, String cpuList) throws IOException, InterruptedException {
        Process taskset = new ProcessBuilder(
                        "taskset", "--all-tasks", "--pid", "--cpu-list", cpuList, String.valueOf(pid))
                .redirectErrorStream(true)
                .start();
        String output = new String(taskset.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (taskset.waitFor() != 0) {
            throw new IOException("taskset could not give process " + pid + " cores " + cpuList + ": " + output.trim());
        }
    }
}
