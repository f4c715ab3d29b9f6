package io.xlj.lab.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.xlj.lab.host.fixture.ReportFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Our reader of JUnit XML against reports written by JUnit's own legacy XML listener. */
class JUnitXmlReportTest {

    @TempDir
    Path reports;

    @Test
    void readsEveryOutcomeJUnitWrites() throws IOException {
        Map<String, Dom0TestCase> cases = runFixtureAndRead();

        assertThat(cases).containsOnlyKeys("passes()", "failsAnAssertion()", "throwsAnError()", "isSkipped()");
        assertThat(cases.get("passes()").outcome()).isEqualTo(Dom0TestCase.Outcome.PASSED);
        assertThat(cases.get("failsAnAssertion()").outcome()).isEqualTo(Dom0TestCase.Outcome.FAILED);
        assertThat(cases.get("failsAnAssertion()").detail()).contains("domU");
        assertThat(cases.get("throwsAnError()").outcome()).isEqualTo(Dom0TestCase.Outcome.ERROR);
        assertThat(cases.get("throwsAnError()").message()).contains("boom in the fixture");
        assertThat(cases.get("isSkipped()").outcome()).isEqualTo(Dom0TestCase.Outcome.SKIPPED);
        assertThat(cases.values()).allMatch(c -> c.className().equals(ReportFixture.class.getName()));
    }

    @Test
    void replayFailsExactlyTheCasesThatFailedInDom0() throws IOException {
        Map<String, Dom0TestCase> cases = runFixtureAndRead();

        cases.get("passes()").replay();
        assertThatThrownBy(cases.get("failsAnAssertion()")::replay).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("ReportFixture.failsAnAssertion()");
        assertThatThrownBy(cases.get("throwsAnError()")::replay).isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("boom in the fixture");
        assertThatThrownBy(cases.get("isSkipped()")::replay).isInstanceOf(TestAbortedException.class);
    }

    @Test
    void aBrokenReportIsAnErrorNamingTheFile() throws IOException {
        Path broken = Files.writeString(reports.resolve("TEST-broken.xml"), "<testsuite><testcase");
        assertThatThrownBy(() -> JUnitXmlReport.read(broken)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(broken.toString());
    }

    private Map<String, Dom0TestCase> runFixtureAndRead() throws IOException {
        StringWriter out = new StringWriter();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(ReportFixture.class)).build(),
                new LegacyXmlReportGeneratingListener(reports, new PrintWriter(out)));
        List<Path> xml;
        try (var s = Files.list(reports)) {
            xml = s.filter(p -> p.getFileName().toString().startsWith("TEST-")).toList();
        }
        assertThat(xml).as("JUnit's XML reports (%s)", out).hasSize(1);
        return JUnitXmlReport.read(xml.get(0)).stream()
                .collect(Collectors.toMap(Dom0TestCase::name, Function.identity()));
    }
}
