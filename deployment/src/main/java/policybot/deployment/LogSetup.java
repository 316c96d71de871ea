package policybot.deployment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The server's logging, set up in code: reading an XML configuration (Logback's Joran and the
 * JDK's XML parser, some 800 classes) was a tenth of the processor time before the server was ready.
 * <ul>
 *   <li>Every line goes to standard error: standard output belongs to the ask contract's answers.</li>
 *   <li>{@code POLICYBOT_LOG_FORMAT=json} writes one JSON object a line (time, level, logger, the
 *       message and the request id the server puts in the MDC) for a log collector; text is for people.</li>
 *   <li>{@code POLICYBOT_LOG_LEVEL} is the root level (default WARN); libraries' DEBUG and TRACE stay
 *       out whatever it says ({@link LibraryDebugFilter}).</li>
 *   <li>The Bot Framework SDK logs every refused token at WARN with the whole signing key, under
 *       the wrong logger name: that logger is held to ERROR (the Teams endpoint logs the reason).</li>
 * </ul>
 * A Logback configuration of one's own still wins: {@code -Dlogback.configurationFile=...} (an
 * operator who needs a library's wire log), or a {@code logback-test.xml} on the class path (tests).
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    /** The request id in brackets where there is one (" [r-42]"), nothing where there is none. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{24}%replace( [%X{request}]){' \\[\\]', ''} - %msg%n";
    static final String BOT_FRAMEWORK_KEY_LOGGER = policybot.adapters.teams.TeamsChannel.SDK_KEY_LOGGER;

    private final UnaryOperator<String> settings;
    private final BooleanSupplier configurationOfOnesOwn;

    /** Logback's: settings from system properties, then the environment (as Logback's own substitution reads them). */
    public LogSetup() {
        this(name -> System.getProperty(name, System.getenv(name)),
                () -> System.getProperty("logback.configurationFile") != null
                        || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null);
    }

    LogSetup(UnaryOperator<String> settings, BooleanSupplier configurationOfOnesOwn) {
        this.settings = settings;
        this.configurationOfOnesOwn = configurationOfOnesOwn;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configurationOfOnesOwn.getAsBoolean()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Logback's own status messages would go to standard output
        context.getStatusManager().add(new NopStatusListener());
        LibraryDebugFilter libraries = new LibraryDebugFilter();
        libraries.setContext(context);
        libraries.start();
        context.addTurboFilter(libraries);

        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName(json() ? "json" : "text");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder(context));
        stderr.start();

        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(orDefault("POLICYBOT_LOG_LEVEL", "WARN"), Level.DEBUG));
        root.addAppender(stderr);
        context.getLogger(BOT_FRAMEWORK_KEY_LOGGER).setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private boolean json() {
        return orDefault("POLICYBOT_LOG_FORMAT", "text").equals("json");
    }

    private Encoder<ILoggingEvent> encoder(LoggerContext context) {
        if (json()) {
            JsonEncoder e = new JsonEncoder();
            e.setContext(context);
            e.setWithFormattedMessage(true);
            e.setWithMessage(false);
            e.setWithArguments(false);
            e.setWithContext(false);
            e.setWithSequenceNumber(false);
            e.setWithNanoseconds(false);
            e.start();
            return e;
        }
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(context);
        e.setPattern(PATTERN);
        e.start();
        return e;
    }

    private String orDefault(String name, String otherwise) {
        String v = settings.apply(name);
        return v == null || v.isBlank() ? otherwise : v.strip();
    }
}
