package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The server's logging as {@link LogSetup} sets it up, read back through Logback and what it writes. */
class LogSetupTest {

    private static LoggerContext configured(Map<String, String> settings) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // as SLF4J's start-up does before Logback is configured
        Configurator.ExecutionStatus status = new LogSetup(settings::get, () -> false).configure(context);
        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, status);
        return context;
    }

    /** What the context's loggers write to standard error while {@code logging} runs. */
    private static String stderrOf(LoggerContext context, Runnable logging) {
        PrintStream before = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            // a ConsoleAppender takes System.err when it starts: start it again on the captured stream
            var appender = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().next();
            appender.stop();
            appender.start();
            logging.run();
        } finally {
            System.setErr(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void textToStandardErrorAtWarnByDefaultWithTheRequestIdAndNoLibraryDebug() {
        LoggerContext context = configured(Map.of());
        var root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        assertTrue(root.iteratorForAppenders().next() instanceof ConsoleAppender<?> c && c.getTarget().equals("System.err"));
        assertTrue(StatusUtil.contextHasStatusListener(context), "Logback's status messages kept off standard output");
        String written = stderrOf(context, () -> {
            MDC.put("request", "r-42");
            try {
                context.getLogger("policybot.web").warn("refused {}", "a request");
                context.getLogger("policybot.web").info("not at WARN");
            } finally {
                MDC.remove("request");
            }
            context.getLogger("policybot.web").error("no request here");
        });
        String[] lines = written.split("\n");
        assertEquals(2, lines.length, written);
        assertTrue(lines[0].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  policybot.web \\[r-42] - refused a request"), lines[0]);
        assertTrue(lines[1].matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ERROR policybot.web - no request here"), lines[1]);
    }

    @Test
    void theLevelIsPolicybotsOwnToRaiseNeverALibrarysAndTheBotFrameworkKeyLoggerIsHeldToError() {
        LoggerContext context = configured(Map.of("POLICYBOT_LOG_LEVEL", "debug"));
        assertEquals(Level.DEBUG, context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel());
        assertEquals(Level.ERROR, context.getLogger(LogSetup.BOT_FRAMEWORK_KEY_LOGGER).getLevel());
        String written = stderrOf(context, () -> {
            context.getLogger("policybot.bot").debug("our own debug");
            context.getLogger("org.eclipse.jetty.server").debug("Authorization: Bearer secret");
            context.getLogger(LogSetup.BOT_FRAMEWORK_KEY_LOGGER).warn("the whole signing key");
        });
        assertTrue(written.contains("our own debug"), written);
        assertFalse(written.contains("secret") || written.contains("signing key"), written);
    }

    @Test
    void jsonIsOneObjectALineWithTheFormattedMessage() throws Exception {
        LoggerContext context = configured(Map.of("POLICYBOT_LOG_FORMAT", "json"));
        String written = stderrOf(context, () -> context.getLogger("policybot.web").warn("refused {}", "a request"));
        String[] lines = written.strip().split("\n");
        assertEquals(1, lines.length, written);
        JsonNode line = new ObjectMapper().readTree(lines[0]);
        assertEquals("WARN", line.path("level").asText());
        assertEquals("policybot.web", line.path("loggerName").asText());
        assertEquals("refused a request", line.path("formattedMessage").asText());
        assertTrue(line.path("message").isMissingNode() && line.path("arguments").isMissingNode(), lines[0]);
    }

    @Test
    void aConfigurationOfOnesOwnIsLeftToLogback() {
        LoggerContext context = new LoggerContext();
        assertEquals(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY,
                new LogSetup(name -> null, () -> true).configure(context));
        assertFalse(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
    }
}
