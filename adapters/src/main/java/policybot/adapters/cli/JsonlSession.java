package policybot.adapters.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerJson;

/**
 * The ask contract's streaming form: one JSON question a line in, one JSON answer a line out,
 * in order, flushed after each. A bad line gets an error line and the stream goes on.
 */
final class JsonlSession {
    private static final Logger log = LoggerFactory.getLogger(JsonlSession.class);
    /** Longest input line read whole; anything longer is refused without holding it in memory. */
    static final int MAX_LINE = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PolicyBot bot;
    private final AnswerSink sink;

    /** Where a stored answer goes (the review queue), or nowhere with --no-log. */
    interface AnswerSink {
        void accept(Question question, Answer answer);
    }

    JsonlSession(PolicyBot bot, AnswerSink sink) {
        this.bot = bot;
        this.sink = sink;
    }

    void run(Reader input, PrintStream out) throws IOException {
        BoundedLineReader lines = new BoundedLineReader(input, MAX_LINE);
        for (BoundedLineReader.Line line; (line = lines.next()) != null; ) {
            out.print(handle(line));
            out.print('\n');
            out.flush();
        }
    }

    String handle(BoundedLineReader.Line line) {
        if (line.tooLong()) {
            return AnswerJson.error(null, "the line is longer than " + MAX_LINE + " characters");
        }
        JsonNode node;
        try {
            node = JSON.readTree(line.text());
        } catch (IOException e) {
            return AnswerJson.error(null, "the line is not JSON");
        }
        if (node == null || !node.isObject()) {
            return AnswerJson.error(null, "the line is not a JSON object");
        }
        String id = text(node, "id").orElse(null);
        JsonNode textNode = node.get("text");
        Optional<String> text = textNode != null && textNode.isTextual() ? Optional.of(textNode.asText()) : Optional.empty();
        if (text.isEmpty()) {
            return AnswerJson.error(id, "the line has no \"text\" string");
        }
        Question question = new Question(id, text.get(), text(node, "user").orElse(null),
                text(node, "channel").orElse("cli"), text(node, "conversation").orElse(null));
        Optional<String> problem = question.problem();
        if (problem.isPresent()) {
            return AnswerJson.error(id, problem.get());
        }
        try {
            Answer answer = bot.answer(question);
            sink.accept(question, answer);
            return AnswerJson.line(answer);
        } catch (RuntimeException e) {
            log.error("could not answer question {}", id, e);
            return AnswerJson.error(id, "the bot could not answer this question (an internal error, logged)");
        }
    }

    /** A field's value as text: strings as they are, numbers as written, anything else absent. */
    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isTextual()) {
            return Optional.of(v.asText());
        }
        return v.isNumber() ? Optional.of(v.asText()) : Optional.empty();
    }
}
