package io.xlj.lab.host;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Host side of the lab suites (mvn verify -Plab): boots the Xen lab once, runs every test
 * class tagged "dom0" inside dom0 with the JUnit console launcher, and replays each dom0
 * test case here as a dynamic test, so that failsafe reports and counts them. The dom0
 * JUnit XML is also copied into failsafe-reports.
 *
 * The share (target/lab-share) holds: classes/ (our test classes), lib/ (their dependency
 * jars, by maven-dependency-plugin), launcher/ (junit-platform-console-standalone.jar),
 * run-suites.sh; dom0 writes reports/ and its output there.
 */
class Dom0SuitesIT {

    @TestFactory
    Stream<DynamicTest> dom0Suites() throws IOException {
        Path script = Path.of(property("lab.script"));
        Path share = Path.of(property("lab.share"));
        Path logDir = Path.of(property("lab.logDir"));
        Path reportsDir = Path.of(property("lab.reportsDir"));
        String tags = System.getProperty("lab.tags", "dom0");
        Duration timeout = Duration.ofSeconds(Long.parseLong(System.getProperty("lab.timeout", "1500")));

        // Test classes of every module that has dom0 suites (this one, libxl-java's bindings
        // suite, ...), separated by the path separator; their tag filter picks the suites.
        List<Path> testClasses = Stream.of(property("lab.testClasses").split(java.io.File.pathSeparator))
                .filter(s -> !s.isBlank()).map(Path::of).toList();
        prepareShare(share, testClasses, script.resolveSibling("dom0/run-suites.sh"));
        int rc = new LabRun(script, share, logDir, timeout).run(List.of("/bin/bash", "/mnt/share/run-suites.sh", tags));

        List<Dom0TestCase> cases = new ArrayList<>();
        Path dom0Reports = share.resolve("reports");
        Files.createDirectories(reportsDir);
        try (Stream<Path> s = Files.exists(dom0Reports) ? Files.list(dom0Reports) : Stream.empty()) {
            for (Path xml : s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                cases.addAll(JUnitXmlReport.read(xml));
                Files.copy(xml, reportsDir.resolve("TEST-dom0-" + xml.getFileName().toString().substring(5)),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String where = "xen-lab exited " + rc + "; its log: " + logDir.resolve("xen-lab.log")
                + ", serial logs in " + logDir + ", dom0 output in " + share.resolve("suites.log")
                + ", xljd's log in " + share.resolve("dom0-logs");
        if (cases.isEmpty()) {
            fail("no dom0 test results came back: " + where);
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Dom0TestCase c : cases) {
            tests.add(DynamicTest.dynamicTest(c.displayName(), c::replay));
        }
        boolean anyFailed = cases.stream().anyMatch(c -> c.outcome() == Dom0TestCase.Outcome.FAILED
                || c.outcome() == Dom0TestCase.Outcome.ERROR);
        if (rc != 0 && !anyFailed) {
            // The launcher or the lab failed outside any test case (class set-up, boot, timeout).
            tests.add(DynamicTest.dynamicTest("dom0 launcher exit status", () -> fail(where)));
        }
        return tests.stream();
    }

    private static void prepareShare(Path share, List<Path> testClasses, Path runSuites) throws IOException {
        Files.createDirectories(share);
        for (String stale : List.of("classes", "reports", "dom0-logs")) {
            deleteTree(share.resolve(stale));
        }
        Files.deleteIfExists(share.resolve("suites.log"));
        for (Path dir : testClasses) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("no test classes in " + dir + " (build the whole reactor: mvn verify -Plab)");
            }
            copyTree(dir, share.resolve("classes"));
        }
        Files.copy(runSuites, share.resolve("run-suites.sh"), StandardCopyOption.REPLACE_EXISTING);
        if (!Files.isRegularFile(share.resolve("launcher/junit-platform-console-standalone.jar"))) {
            throw new IllegalStateException("no JUnit console launcher in " + share.resolve("launcher")
                    + " (the lab profile's maven-dependency-plugin puts it there)");
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run with mvn verify -Plab");
        }
        return v;
    }
}
