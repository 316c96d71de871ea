package policybot.adapters.cli;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most a given length. A longer line is read to its end and discarded, so one
 * huge line costs no more memory than the limit and the lines after it are read as usual.
 */
final class BoundedLineReader {
    /** A line, or the fact that it was too long. */
    record Line(String text, boolean tooLong) {
    }

    private final Reader in;
    private final int limit;

    BoundedLineReader(Reader in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next line without its terminator, or null at the end of the input. */
    Line next() throws IOException {
        StringBuilder s = new StringBuilder();
        boolean tooLong = false;
        int c;
        boolean any = false;
        while ((c = in.read()) != -1) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (s.length() < limit) {
                s.append((char) c);
            } else {
                tooLong = true;
            }
        }
        if (!any) {
            return null;
        }
        if (!tooLong && s.length() > 0 && s.charAt(s.length() - 1) == '\r') {
            s.setLength(s.length() - 1);
        }
        return new Line(tooLong ? "" : s.toString(), tooLong);
    }
}
