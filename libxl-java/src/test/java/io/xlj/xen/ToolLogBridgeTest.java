package io.xlj.xen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** libxc's log reaches SLF4J through our xentoollog_logger, and nothing reaches stderr. */
class ToolLogBridgeTest {

    private static final String PRIVCMD_FAILURE =
            "Could not obtain handle on privileged command interface: No such file or directory";

    @TempDir
    Path tmp;

    private final Logger libxcLogger = (Logger) LoggerFactory.getLogger("io.xlj.xen.libxc");
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void attach() {
        events.start();
        libxcLogger.addAppender(events);
    }

    @AfterEach
    void detach() {
        libxcLogger.detachAppender(events);
    }

    @Test
    void withoutOurLoggerLibxcWritesItsFailureToStderr() throws Exception {
        // The control experiment: it proves the capture below would see a stderr write.
        assumeFalse(Files.exists(XenCtrl.PRIVCMD), "this host is a Xen dom0");
        String stderr = StderrCapture.capture(tmp.resolve("stderr"), () -> {
            XcInterface xch = XenLibraries.ctrl().xc_interface_open(null, null, 0);
            assertThat(xch).isNull();
        });
        assertThat(stderr).contains("xencall: error: " + PRIVCMD_FAILURE);
    }

    @Test
    void theRealXcInterfaceOpenFailureGoesToSlf4jNotStderr() throws Exception {
        assumeFalse(Files.exists(XenCtrl.PRIVCMD), "this host is a Xen dom0");
        String stderr = StderrCapture.capture(tmp.resolve("stderr"),
                () -> assertThatThrownBy(XenCtrl::open).isInstanceOf(XenNotAvailableException.class));
        assertThat(stderr).doesNotContain(PRIVCMD_FAILURE);
        assertThat(events.list)
                .anySatisfy(e -> {
                    assertThat(e.getLoggerName()).isEqualTo("io.xlj.xen.libxc.xencall");
                    assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                    assertThat(e.getFormattedMessage()).isEqualTo(PRIVCMD_FAILURE);
                });
    }

    @Test
    void printfArgumentsAndErrnoAreFormattedByC() {
        XenToolLogLibrary xtl = XenLibraries.toolLog();
        xtl.xtl_log(Slf4jToolLogger.shared().handle(), XenConstants.XTL_WARN, 3, "xlj-test",
                "domain %d: %s at %#lx", 7, "pause", 4096L);
        assertThat(events.list).singleElement().satisfies(e -> {
            assertThat(e.getLoggerName()).isEqualTo("io.xlj.xen.libxc.xlj-test");
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).isEqualTo("domain 7: pause at 0x1000: No such process");
        });
    }

    @Test
    void aMessageLongerThanTheFirstBufferArrivesWhole() {
        String longText = "x".repeat(3000) + "end";
        XenLibraries.toolLog().xtl_log(Slf4jToolLogger.shared().handle(), XenConstants.XTL_ERROR, -1, "xlj-test",
                "[%s] %d", longText, 42);
        assertThat(events.list).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).isEqualTo("[" + longText + "] 42"));
        assertThat(Slf4jToolLogger.shared().lastError()).isEqualTo("xlj-test: [" + longText + "] 42");
    }

    @Test
    void levelsMapOntoSlf4j() {
        XenToolLogLibrary xtl = XenLibraries.toolLog();
        XentoollogLogger h = Slf4jToolLogger.shared().handle();
        xtl.xtl_log(h, XenConstants.XTL_VERBOSE, -1, "xlj-test", "verbose");
        xtl.xtl_log(h, XenConstants.XTL_INFO, -1, "xlj-test", "info");
        xtl.xtl_log(h, XenConstants.XTL_CRITICAL, -1, "xlj-test", "critical");
        assertThat(events.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Level.DEBUG, "verbose"),
                        org.assertj.core.groups.Tuple.tuple(Level.INFO, "info"),
                        org.assertj.core.groups.Tuple.tuple(Level.ERROR, "critical"));
    }
}
