package com.example;

import java.io.File;
import java.io.FileWriter;
import java.io.IOException;

/** A thread that keeps doing a little of everything, for the async-profiler example. */
public class Something implements Runnable {
    private long total;

    @Override
    public void run() {
        try {
            doSomething();
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Loops forever: mostly funcBar, and funcFoo one call in 25, each followed by a pause. */
    private void doSomething() throws IOException, InterruptedException {
        for (int i = 0; ; i++) {
            Thread.sleep(i % 25 == 0 ? funcFoo(i) : funcBar(i));
        }
    }

    /** Returns the pause after a call of funcFoo, in milliseconds (0 or 1). */
    private long funcFoo(int i) {
        // Adds the call's number and the number of file-system roots to the total: cheap,
        // and rare.
        total += i;
        return (total += funcBuzz()) % 2;
    }

    private long funcBar(int i) throws IOException {
        return funcBaz(i) % 2;
    }

    /** Writes one line to a new temporary file, then deletes it: on every call. */
    private long funcBaz(int i) throws IOException {
        File tmp = File.createTempFile("something", ".txt");
        try (FileWriter out = new FileWriter(tmp)) {
            out.write("call " + i + "\n");
        }
        long size = tmp.length();
        if (!tmp.delete()) {
            throw new IOException("cannot delete " + tmp);
        }
        return total += size;
    }

    /** Counts the file-system roots. */
    private long funcBuzz() {
        return File.listRoots().length;
    }

    public static void main(String[] args) throws InterruptedException {
        Thread thread = new Thread(new Something(), "something");
        thread.start();
        thread.join();
    }
}
