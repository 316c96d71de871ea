package policybot.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the policy document (plain text with Markdown lists and links, and HTML table cells in
 * Appendix 1) into clauses. The outline it expects is the policy's own: the top-level headings
 * below, each on a line of its own. A heading it does not find, or an unexpected shape, is an
 * error, so that a change in the document's layout is noticed rather than absorbed.
 */
public final class PolicyParser {
    /** Heading in the document, and the shorter name used in section paths. */
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("Policy Statement", "Policy Statement");
        SECTIONS.put("Objectives", "Objectives");
        SECTIONS.put("Purposes", "Purposes");
        SECTIONS.put("Scope", "Scope");
        SECTIONS.put("Policy Details", "Policy Details");
        SECTIONS.put("Underpinning principles", "Underpinning principles");
        SECTIONS.put("Exceptions", "Exceptions");
        SECTIONS.put("Roles", "Roles");
        SECTIONS.put("Definitions used within the policy", "Definitions");
        SECTIONS.put("Associated Documents", "Associated Documents");
        SECTIONS.put("References", "References");
    }

    private static final Pattern APPENDIX = Pattern.compile("^(Appendix \\d+)\\..*");
    private static final Pattern DETAIL_BLOCK = Pattern.compile("^(\\d+)\\) Staff must:?$");
    private static final Pattern SHOULD_LEAD = Pattern.compile("^and staff should:?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RELEVANT = Pattern.compile("^Relevant Principles?: (.+)$");
    private static final Pattern STAFF_LEAD = Pattern.compile("^Staff (must not|must|should)\\b:?.*$");
    private static final int MAX_CLAUSE = 600;
    /** A list's lead-in shorter than this is only a frame ("This policy applies to:"), not a clause. */
    private static final int MIN_LEAD_IN_WORDS = 8;

    public PolicyDocument parse(String document) {
        List<String> lines = document.replace("\r\n", "\n").replace('\r', '\n').lines().toList();
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> header = new ArrayList<>();
        List<String> current = header;
        for (String line : lines) {
            // A Markdown edition of the policy marks its headings with "#"; the outline is the same.
            String trimmed = line.strip().replaceFirst("^#{1,6}\\s+", "");
            Matcher appendix = APPENDIX.matcher(trimmed);
            if (SECTIONS.containsKey(trimmed) && !line.startsWith(" ") && !line.contains("\t")) {
                current = new ArrayList<>();
                if (sections.put(SECTIONS.get(trimmed), current) != null) {
                    throw new PolicyFormatException("heading '" + trimmed + "' appears twice");
                }
            } else if (appendix.matches()) {
                current = new ArrayList<>();
                sections.put(appendix.group(1), current);
            } else {
                current.add(line);
            }
        }
        for (String name : SECTIONS.values()) {
            if (!sections.containsKey(name)) {
                throw new PolicyFormatException("the policy has no '" + name + "' section");
            }
        }
        PolicyMetadata metadata = metadata(header);
        Builder out = new Builder();
        documentControl(out, header);
        List<String> underpinningNames = List.of();
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
            String name = section.getKey();
            List<String> body = section.getValue();
            switch (name) {
                case "Policy Statement" -> underpinningNames = prose(out, name, "statement", body);
                case "Policy Details" -> details(out, body);
                case "Underpinning principles" -> underpinning(out, body, underpinningNames);
                case "Roles" -> roles(out, body);
                case "Definitions" -> definitions(out, body);
                case "Associated Documents", "References" -> documents(out, name, body);
                default -> {
                    if (name.startsWith("Appendix")) {
                        appendix(out, name, body);
                    } else {
                        prose(out, name, slug(name), body);
                    }
                }
            }
        }
        return new PolicyDocument(metadata, out.clauses);
    }

    // ---- header ----

    private static PolicyMetadata metadata(List<String> header) {
        String title = header.stream().map(String::strip).filter(s -> !s.isEmpty()).findFirst()
                .orElseThrow(() -> new PolicyFormatException("the policy has no title"));
        Map<String, String> fields = new LinkedHashMap<>();
        String version = null;
        List<String> revision = List.of();
        boolean revisionNext = false;
        for (String line : header) {
            List<String> cells = cells(line);
            if (cells.isEmpty()) {
                continue;
            }
            if (revisionNext) {
                revision = cells;
                revisionNext = false;
            }
            if (cells.get(0).equalsIgnoreCase("Version") && cells.size() > 1) {
                version = cells.get(1);
            }
            if (cells.get(0).startsWith("Details of Revision")) {
                revisionNext = true;
            }
            for (String cell : cells) {
                int colon = cell.indexOf(':');
                if (colon > 0 && colon < cell.length() - 1) {
                    fields.putIfAbsent(cell.substring(0, colon).strip(), cell.substring(colon + 1).strip());
                }
            }
        }
        if (version == null) {
            throw new PolicyFormatException("the policy header has no Version line");
        }
        return new PolicyMetadata(title, version, fields.get("Title"), fields.get("Committee/individual"),
                fields.get("Date"), fields.get("Directorate"), fields.get("Team"), fields.get("Contact details"),
                revision.size() > 0 ? revision.get(0) : null, revision.size() > 1 ? revision.get(1) : null,
                revision.size() > 2 ? revision.get(2) : null);
    }

    /** The header as citable clauses: one per field, its continuation lines included. */
    private static void documentControl(Builder out, List<String> header) {
        List<String> group = new ArrayList<>();
        int n = 0;
        for (String line : header) {
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith("\t") && !group.isEmpty()) {
                out.add("header." + ++n, List.of("Document control"), ClauseKind.METADATA,
                        String.join(" ", group), null, null, "");
                group.clear();
            }
            group.addAll(cells(line));
        }
        if (!group.isEmpty()) {
            out.add("header." + ++n, List.of("Document control"), ClauseKind.METADATA,
                    String.join(" ", group), null, null, "");
        }
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String c : line.split("\t")) {
            if (!c.isBlank()) {
                cells.add(c.strip());
            }
        }
        return cells;
    }

    // ---- prose sections: paragraphs, lists with lead-ins, small tab tables ----

    /** Returns the names in the "Underpinning Principles" row of a structure table, if any. */
    private static List<String> prose(Builder out, String section, String idPrefix, List<String> body) {
        List<String> underpinning = List.of();
        String leadIn = "";
        int n = 0;
        for (String line : body) {
            String text = PlainText.clean(line);
            if (text.isEmpty()) {
                continue;
            }
            if (isBullet(line)) {
                out.add(idPrefix + "." + ++n, List.of(section), ClauseKind.ITEM, PlainText.unbullet(text),
                        null, null, leadIn);
            } else if (line.contains("\t")) {
                List<String> cells = cells(line);
                if (cells.get(0).equalsIgnoreCase("Underpinning Principles")) {
                    underpinning = cells.subList(1, cells.size());
                }
                out.add(idPrefix + "." + ++n, List.of(section, "Structure of the principles"), ClauseKind.OUTLINE,
                        String.join(" ", cells), null, null, "");
            } else {
                // The paragraph before a list frames its items, whether or not it ends in a colon.
                leadIn = text;
                if (text.endsWith(":") && wordCount(text) < MIN_LEAD_IN_WORDS) {
                    continue;
                }
                for (String part : paragraph(text)) {
                    out.add(idPrefix + "." + ++n, List.of(section), ClauseKind.STATEMENT, part, null, null, "");
                }
            }
        }
        return underpinning;
    }

    // ---- Policy Details: numbered blocks of must / should bullets and their principles ----

    private static void details(Builder out, List<String> body) {
        DetailBlock block = null;
        int intro = 0;
        for (String line : body) {
            String text = PlainText.clean(line);
            if (text.isEmpty()) {
                continue;
            }
            Matcher start = DETAIL_BLOCK.matcher(text);
            Matcher relevant = RELEVANT.matcher(text);
            if (start.matches()) {
                if (block != null) {
                    block.emit(out);
                }
                block = new DetailBlock(start.group(1));
            } else if (block == null) {
                for (String part : paragraph(text)) {
                    out.add("details." + ++intro, List.of("Policy Details"), ClauseKind.STATEMENT, part, null, null, "");
                }
            } else if (SHOULD_LEAD.matcher(text).matches()) {
                block.mode = Obligation.SHOULD;
            } else if (relevant.matches()) {
                block.principles = List.of(relevant.group(1).split("\\s*(?:,| and )\\s*"));
            } else if (isBullet(line)) {
                if (!block.principles.isEmpty()) {
                    throw new PolicyFormatException("a bullet after the principle of block " + block.number + ": " + text);
                }
                String item = PlainText.unbullet(text);
                block.items.add(new DetailItem(obligation(block.mode, item), item));
            } else {
                if (block.principles.isEmpty()) {
                    throw new PolicyFormatException("text in block " + block.number + " before its principle: " + text);
                }
                block.statements.add(text);
            }
        }
        if (block == null) {
            throw new PolicyFormatException("Policy Details has no numbered blocks");
        }
        block.emit(out);
    }

    private record DetailItem(Obligation obligation, String text) {
    }

    private static final class DetailBlock {
        final String number;
        Obligation mode = Obligation.MUST;
        List<String> principles = List.of();
        final List<DetailItem> items = new ArrayList<>();
        final List<String> statements = new ArrayList<>();

        DetailBlock(String number) {
            this.number = number;
        }

        void emit(Builder out) {
            if (principles.isEmpty()) {
                throw new PolicyFormatException("block " + number + ") of Policy Details names no principle");
            }
            String title = number + ") " + String.join(" and ", principles);
            String principle = String.join(" and ", principles);
            int n = 0;
            for (DetailItem item : items) {
                String list = item.obligation() == Obligation.SHOULD ? "Staff should" : "Staff must";
                out.add(number + "." + ++n, List.of("Policy Details", title, list), ClauseKind.OBLIGATION,
                        item.text(), item.obligation(), principle, list);
            }
            for (int i = 0; i < statements.size(); i++) {
                String own = i < principles.size() ? principles.get(i) : principle;
                out.add(number + ".principle." + (i + 1), List.of("Policy Details", title, "Relevant principle: " + own),
                        ClauseKind.PRINCIPLE, statements.get(i), null, own, own);
            }
        }
    }

    private static Obligation obligation(Obligation mode, String item) {
        if (mode == Obligation.MUST && item.toLowerCase(Locale.ROOT).startsWith("not ")) {
            return Obligation.MUST_NOT;
        }
        return mode;
    }

    // ---- Underpinning principles: a lead-in and one bullet per principle ----

    private static void underpinning(Builder out, List<String> body, List<String> names) {
        String leadIn = "";
        int n = 0;
        for (String line : body) {
            String text = PlainText.clean(line);
            if (text.isEmpty()) {
                continue;
            }
            if (isBullet(line)) {
                String principle = n < names.size() ? names.get(n) : null;
                n++;
                out.add("underpinning." + n, List.of("Underpinning principles"), ClauseKind.OBLIGATION,
                        PlainText.unbullet(text), Obligation.SHOULD, principle, leadIn);
            } else {
                leadIn = text;
            }
        }
    }

    // ---- Roles: a bold role name and its duties ----

    private static void roles(Builder out, List<String> body) {
        int role = 0;
        int duty = 0;
        String name = null;
        for (String line : body) {
            if (line.isBlank()) {
                continue;
            }
            String text = PlainText.unbullet(PlainText.clean(line));
            if (line.startsWith("- ")) {
                name = text;
                duty = 0;
                out.add("roles." + ++role, List.of("Roles"), ClauseKind.ROLE, name, null, null, "");
            } else if (line.startsWith(" ") && isBullet(line.strip()) && name != null) {
                out.add("roles." + role + "." + ++duty, List.of("Roles", name), ClauseKind.DUTY, text, null, null, name);
            } else {
                throw new PolicyFormatException("unexpected line in Roles: " + line);
            }
        }
    }

    // ---- Definitions: a term on its own line, then its definition ----

    private static void definitions(Builder out, List<String> body) {
        String term = null;
        String leadIn = "";
        int t = 0;
        int n = 0;
        for (String line : body) {
            String text = PlainText.clean(line);
            if (text.isEmpty()) {
                continue;
            }
            if (!isBullet(line) && !text.matches(".*[.:]$")) {
                term = text;
                leadIn = "";
                t++;
                n = 0;
                continue;
            }
            if (term == null) {
                throw new PolicyFormatException("a definition before any term: " + text);
            }
            String id = "definitions." + slug(term) + ".";
            if (isBullet(line)) {
                out.add(id + ++n, List.of("Definitions", term), ClauseKind.DEFINITION, PlainText.unbullet(text),
                        null, null, (term + " " + leadIn).strip());
            } else if (text.endsWith(":")) {
                leadIn = text;
            } else {
                for (String part : paragraph(text)) {
                    out.add(id + ++n, List.of("Definitions", term), ClauseKind.DEFINITION, part, null, null, term);
                }
            }
        }
        if (t == 0) {
            throw new PolicyFormatException("Definitions has no terms");
        }
    }

    private static void documents(Builder out, String section, List<String> body) {
        int n = 0;
        for (String line : body) {
            String text = PlainText.clean(line);
            if (!text.isEmpty()) {
                out.add(slug(section) + "." + ++n, List.of(section), ClauseKind.DOCUMENT, text, null, null, "");
            }
        }
    }

    // ---- Appendix 1: tab-separated tables whose cells are HTML ----

    private static void appendix(Builder out, String appendix, List<String> body) {
        List<String> columns = List.of();
        String table = null;
        String row = null;
        Map<String, Integer> counters = new LinkedHashMap<>();
        Map<String, Obligation> modes = new LinkedHashMap<>();
        for (String line : body) {
            if (line.isBlank()) {
                continue;
            }
            String[] raw = line.split("\t", -1);
            String first = PlainText.clean(raw[0]);
            if (first.equals("Objective") || first.equals("Principle")) {
                columns = new ArrayList<>();
                for (String c : raw) {
                    columns.add(PlainText.clean(c));
                }
                table = first.equals("Objective") ? "Objectives"
                        : columns.contains("Rationale") ? "Principles" : "Underpinning principles";
                row = null;
                continue;
            }
            if (table == null) {
                throw new PolicyFormatException("a table row before any table header in " + appendix + ": " + first);
            }
            // A row broken across pages goes on in a line whose first cell is empty or starts in lower case.
            boolean continuation = first.isEmpty() || Character.isLowerCase(first.charAt(0));
            if (continuation && row == null) {
                throw new PolicyFormatException("a continuation row before any row in " + appendix);
            }
            if (!first.isEmpty()) {
                List<TableCell.Block> blocks = TableCell.blocks(raw[0]);
                if (!continuation) {
                    row = blocks.get(0).text();
                }
                for (int b = continuation ? 0 : 1; b < blocks.size(); b++) {
                    add(out, counters, appendix, table, row, "Statement", ClauseKind.PRINCIPLE, blocks.get(b).text(),
                            null, principleOf(table, row));
                }
            }
            for (int col = 1; col < raw.length; col++) {
                if (raw[col].isBlank()) {
                    continue;
                }
                String column = col < columns.size() && !columns.get(col).isEmpty() ? columns.get(col) : "Column " + col;
                cell(out, counters, modes, appendix, table, row, column, TableCell.blocks(raw[col]));
            }
        }
    }

    private static void cell(Builder out, Map<String, Integer> counters, Map<String, Obligation> modes,
                             String appendix, String table, String row, String column, List<TableCell.Block> blocks) {
        String principle = principleOf(table, row);
        String modeKey = table + "/" + row + "/" + column;
        switch (column) {
            case "Related Hallam Values" -> {
                // A value's name stands in a paragraph of its own before its description: one clause.
                for (int b = 0; b < blocks.size(); b++) {
                    String text = blocks.get(b).text();
                    if (b + 1 < blocks.size() && isTitle(text)) {
                        text = text + " " + blocks.get(++b).text();
                    }
                    add(out, counters, appendix, table, row, column, ClauseKind.VALUE, text, null, principle);
                }
            }
            case "Implications" -> {
                for (TableCell.Block block : blocks) {
                    Matcher lead = STAFF_LEAD.matcher(block.text());
                    if (lead.matches() && wordCount(block.text()) <= 3) {
                        modes.put(modeKey, switch (lead.group(1)) {
                            case "must not" -> Obligation.MUST_NOT;
                            case "must" -> Obligation.MUST;
                            default -> Obligation.SHOULD;
                        });
                        continue;
                    }
                    Obligation mode = modes.get(modeKey);
                    Obligation obligation = mode != null ? obligation(mode, block.text())
                            : lead.matches() ? obligationOf(lead.group(1)) : null;
                    add(out, counters, appendix, table, row, column, ClauseKind.OBLIGATION, block.text(),
                            obligation, principle);
                }
            }
            default -> {
                ClauseKind kind = column.equals("Rationale") ? ClauseKind.RATIONALE : ClauseKind.STATEMENT;
                for (TableCell.Block block : blocks) {
                    add(out, counters, appendix, table, row, column, kind, block.text(), null, principle);
                }
            }
        }
    }

    private static Obligation obligationOf(String words) {
        return switch (words) {
            case "must not" -> Obligation.MUST_NOT;
            case "must" -> Obligation.MUST;
            default -> Obligation.SHOULD;
        };
    }

    private static String principleOf(String table, String row) {
        return table.equals("Objectives") ? null : row;
    }

    private static void add(Builder out, Map<String, Integer> counters, String appendix, String table, String row,
                            String column, ClauseKind kind, String text, Obligation obligation, String principle) {
        String key = slug(appendix) + "." + slug(row) + "." + slug(column);
        int n = counters.merge(key, 1, Integer::sum);
        for (String part : text.length() > MAX_CLAUSE ? PlainText.sentences(text) : List.of(text)) {
            String id = part.equals(text) ? key + "." + n : key + "." + n + "." + (out.size() + 1);
            out.add(id, List.of(appendix, table, row, column), kind, part, obligation, principle, row);
        }
    }

    // ---- helpers ----

    /** A paragraph is one clause unless it is too long to quote, then one clause a sentence. */
    private static List<String> paragraph(String text) {
        return text.length() > MAX_CLAUSE ? PlainText.sentences(text) : List.of(text);
    }

    private static boolean isBullet(String line) {
        return line.startsWith("- ");
    }

    private static boolean isTitle(String text) {
        return !text.contains(" ") && Character.isUpperCase(text.charAt(0));
    }

    private static int wordCount(String text) {
        return text.split("\\s+").length;
    }

    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.length() > 40 ? s.substring(0, 40).replaceAll("-$", "") : s;
    }

    private static final class Builder {
        final List<Clause> clauses = new ArrayList<>();

        void add(String id, List<String> path, ClauseKind kind, String text, Obligation obligation,
                 String principle, String context) {
            if (text.length() > MAX_CLAUSE) {
                throw new PolicyFormatException("clause " + id + " is longer than " + MAX_CLAUSE
                        + " characters and has no sentence break");
            }
            clauses.add(new Clause(id, path, kind, text, obligation, principle, context));
        }

        int size() {
            return clauses.size();
        }
    }
}
