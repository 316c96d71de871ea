package policybot.adapters.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What the operators' commands share: JSON output, ticket numbers, and turning a refusal into a message. */
final class CliOutput {
    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .configure(SerializationFeature.INDENT_OUTPUT, false)
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(LocalDate.class, ToStringSerializer.instance));

    private CliOutput() {
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON", e);
        }
    }

    /** "T-12", "t-12" or "12" -> 12. */
    static long ticketId(CommandSpec spec, String text) {
        String digits = text.strip().replaceFirst("^[Tt]-", "");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "'" + text + "' is not a ticket number (T-12 or 12)");
        }
    }

    /**
     * Runs an operator's action; a refusal (an illegal transition, an unknown ticket, a bad value)
     * is printed as one line on standard error with exit code 1.
     */
    static int attempt(CommandSpec spec, Callable<Integer> action) throws Exception {
        try {
            return action.call();
        } catch (IllegalArgumentException | IllegalStateException | NoSuchElementException
                 | java.time.format.DateTimeParseException e) {
            spec.commandLine().getErr().println("policybot: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
