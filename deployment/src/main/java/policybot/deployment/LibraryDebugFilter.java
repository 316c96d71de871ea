package policybot.deployment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps libraries' DEBUG and TRACE out of the logs whatever {@code POLICYBOT_LOG_LEVEL} says:
 * at that level Jetty writes every request header (bearer tokens, Slack's signature), HTTP
 * clients write what they send (bot tokens, people's questions), drivers write what they bind.
 * POLICYBOT_LOG_LEVEL=DEBUG raises PolicyBot's own loggers, which log questions by id only. An
 * operator who needs a library's wire log supplies their own Logback configuration.
 */
public final class LibraryDebugFilter extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != null && level.levelInt < Level.INFO_INT && !logger.getName().startsWith("policybot.")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }
}
