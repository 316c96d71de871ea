package policybot.adapters.cli;

import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerJson;
import policybot.bot.answer.Citation;
import policybot.bot.answer.Explanation;

/** {@code policybot ask}: the core's answer call on the command line (shared/ask-contract.md). */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Ask the bot a question about the AI policy.",
                "With --jsonl, read one JSON question a line on standard input and write one JSON answer a line."})
public final class AskCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "QUESTION", description = "The question (quote it, or give it as words).")
    List<String> words = List.of();

    @Option(names = "--json", description = "Print the answer as one JSON object.")
    boolean json;

    @Option(names = "--jsonl", description = "Stream JSON lines: questions on standard input, answers on standard output.")
    boolean jsonl;

    @Option(names = "--no-log", description = "Do not record unanswered questions for the policy team's review.")
    boolean noLog;

    @Option(names = "--explain", description = "Also show which concepts and rules fired and how the clauses scored.")
    boolean explain;

    @Spec
    CommandSpec spec;

    private final Supplier<PolicyBot> bot;
    private final AnswerRecorder recorder;

    /** Records answers for the review queue; the deployment decides where. */
    public interface AnswerRecorder {
        void record(Question question, Answer answer);

        AnswerRecorder NONE = (q, a) -> { };
    }

    public AskCommand(Supplier<PolicyBot> bot, AnswerRecorder recorder) {
        this.bot = bot;
        this.recorder = recorder;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        AnswerRecorder sink = noLog ? AnswerRecorder.NONE : recorder;
        if (jsonl) {
            if (!words.isEmpty()) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--jsonl reads questions from standard input; give no question on the command line");
            }
            new JsonlSession(bot.get(), sink::record).run(new InputStreamReader(System.in, StandardCharsets.UTF_8), out);
            out.flush();
            return 0;
        }
        if (words.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give a question, or use --jsonl");
        }
        Question question = new Question(null, String.join(" ", words), System.getProperty("user.name"), "cli", null);
        Optional<String> problem = question.problem();
        if (problem.isPresent()) {
            if (json) {
                out.println(AnswerJson.error(null, problem.get()));
                out.flush();
            } else {
                System.err.println("policybot: " + problem.get());
            }
            return 2;
        }
        Answer answer = bot.get().answer(question);
        sink.record(question, answer);
        out.print(json ? AnswerJson.line(answer) + "\n" : readable(answer));
        if (explain) {
            out.print(explanation(answer.explanation()));
        }
        out.flush();
        return 0;
    }

    static String readable(Answer a) {
        StringBuilder s = new StringBuilder(a.text()).append("\n");
        if (!a.citations().isEmpty()) {
            s.append("\nSources (policy v").append(a.policyVersion()).append("):\n");
            for (Citation c : a.citations()) {
                s.append("  - clause ").append(c.clause()).append(", ").append(c.section()).append('\n');
            }
        }
        return s.toString();
    }

    static String explanation(Explanation e) {
        StringBuilder s = new StringBuilder("\nWhy this answer:\n");
        s.append("  question type: ").append(e.questionType()).append('\n');
        if (!e.corrections().isEmpty()) {
            s.append("  read as: ").append(new java.util.TreeMap<>(e.corrections())).append('\n');
        }
        s.append("  concepts: ").append(e.concepts().isEmpty() ? "none" : String.join(", ", e.concepts())).append('\n');
        s.append("  intent: ").append(e.intent()).append('\n');
        s.append("  verdict rule: ").append(e.verdictRule() == null ? "none" : e.verdictRule()).append('\n');
        for (String r : e.ranking()) {
            s.append("  ").append(r).append('\n');
        }
        return s.toString();
    }
}
