package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.adapters.web.admin.AdminAuth;
import policybot.adapters.web.admin.PasswordHash;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.ExceptionOutcome;
import policybot.bot.escalation.ExceptionRequest;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketState;
import policybot.bot.review.ReviewItem;
import policybot.bot.review.ReviewStatus;
import policybot.bot.store.TestStore;

/** The review console at /admin over real HTTP on the real store: sign-in, sessions, CSRF, escaping, actions, CSV, charts. */
class AdminConsoleTest {
    static final String TOKEN = "admin-token-0123456789abcdef";
    private static final String XSS = "what is the capital of <script>alert('x')</script> Australia?";

    @TempDir
    Path dir;

    private StoreServer start(TestStore kind) {
        return StoreServer.start(kind, dir, AdminAuth.of(TOKEN, Map.of()));
    }

    private static Browser signedIn(StoreServer s) {
        Browser b = new Browser(s.server.port());
        HttpResponse<String> r = b.signIn("Sam Policy", TOKEN);
        assertEquals(303, r.statusCode(), r.body());
        return b;
    }

    @Test
    void withoutSigningInTheConsoleRedirectsToTheLoginOrRefuses() {
        try (StoreServer s = start(TestStore.SQLITE)) {
            Browser b = new Browser(s.server.port());
            for (String path : List.of("/admin", "/admin/review", "/admin/tickets", "/admin/exceptions", "/admin/review.csv")) {
                HttpResponse<String> r = b.get(path);
                assertEquals(303, r.statusCode(), path);
                assertEquals("/admin/login", r.headers().firstValue("Location").orElseThrow(), path);
            }
            HttpResponse<String> wrong = b.get("/admin/review.csv", "Authorization", "Bearer not-the-token-at-all");
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
            HttpResponse<String> post = b.post("/admin/review/1/dismiss", "csrf", "x", "reason", "spam");
            assertEquals(401, post.statusCode());
            HttpResponse<String> forged = b.get("/admin", "Cookie", "policybot_admin=made-up-session-id");
            assertEquals(303, forged.statusCode());
            assertEquals(200, b.get("/admin/review.csv", "Authorization", "Bearer " + TOKEN).statusCode(),
                    "the admin token as a bearer token reads the CSV exports (for scripts)");
        }
    }

    @Test
    void signingInNeedsTheRightTokenAndTheFormsToken() {
        try (StoreServer s = start(TestStore.SQLITE)) {
            Browser b = new Browser(s.server.port());
            HttpResponse<String> form = b.get("/admin/login");
            assertEquals(200, form.statusCode());
            assertTrue(form.body().contains("<label for=\"secret\">Admin token</label>"), form.body());
            String csrf = Browser.csrf(form.body());

            HttpResponse<String> wrong = b.post("/admin/login", "csrf", csrf, "name", "Sam", "secret", "admin-token-guess-0000000");
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("That name and password (or token) are not right."));
            assertFalse(b.cookies.containsKey("policybot_admin"));

            HttpResponse<String> noCsrf = b.post("/admin/login", "name", "Sam", "secret", TOKEN);
            assertEquals(403, noCsrf.statusCode());
            HttpResponse<String> otherCsrf = b.post("/admin/login", "csrf", "forged", "name", "Sam", "secret", TOKEN);
            assertEquals(403, otherCsrf.statusCode());
            assertFalse(b.cookies.containsKey("policybot_admin"));

            HttpResponse<String> ok = b.post("/admin/login", "csrf", csrf, "name", "Sam", "secret", TOKEN);
            assertEquals(303, ok.statusCode());
            assertEquals("/admin", ok.headers().firstValue("Location").orElseThrow());
            String cookie = Browser.setCookies(ok).stream().filter(c -> c.startsWith("policybot_admin=")).findFirst().orElseThrow();
            assertTrue(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict") && cookie.contains("Path=/admin"),
                    cookie);
            assertFalse(cookie.contains("Secure"), "plain http on loopback: " + cookie);
            HttpResponse<String> home = b.get("/admin");
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("Signed in as Sam"), home.body());

            HttpResponse<String> out = b.post("/admin/logout", "csrf", Browser.csrf(home.body()));
            assertEquals(303, out.statusCode());
            assertEquals(303, b.get("/admin").statusCode(), "signed out");
        }
    }

    @Test
    void behindHttpsTheSessionCookieIsSecure() {
        try (StoreServer s = start(TestStore.SQLITE)) {
            Browser b = new Browser(s.server.port());
            String csrf = Browser.csrf(b.get("/admin/login").body());
            HttpResponse<String> ok = b.post("/admin/login", "csrf", csrf, "name", "Sam", "secret", TOKEN);
            assertEquals(303, ok.statusCode());
            // the same over a proxy that terminates TLS
            Browser proxied = new Browser(s.server.port());
            String csrf2 = Browser.csrf(proxied.get("/admin/login").body());
            HttpResponse<String> viaProxy = proxied.postWith(List.of("X-Forwarded-Proto", "https"), "/admin/login",
                    "csrf", csrf2, "name", "Sam", "secret", TOKEN);
            assertTrue(Browser.setCookies(viaProxy).stream().anyMatch(c -> c.startsWith("policybot_admin=")
                    && c.endsWith("; Secure")), Browser.setCookies(viaProxy).toString());
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aQuestionFromTheChatIsInTheReviewQueueEscapedAndCanBeMarkedCovered(TestStore kind) {
        try (StoreServer s = start(kind)) {
            s.http.postJson("/api/ask", "{\"text\": \"" + XSS + "\"}");
            Browser b = signedIn(s);
            HttpResponse<String> page = b.get("/admin/review");
            assertEquals(200, page.statusCode());
            assertFalse(page.body().contains("<script>alert"), "a question is never markup");
            assertTrue(page.body().contains("what is the capital of &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Australia?"),
                    page.body());
            assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
            assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
            ReviewItem item = s.store.review().list(ReviewStatus.NEW).get(0);
            String csrf = Browser.csrf(page.body());

            HttpResponse<String> missing = b.post("/admin/review/" + item.id() + "/cover", "by", "clause", "value", "2.2");
            assertEquals(403, missing.statusCode());
            HttpResponse<String> wrong = b.post("/admin/review/" + item.id() + "/cover", "csrf", csrf + "x", "by", "clause",
                    "value", "2.2");
            assertEquals(403, wrong.statusCode());
            assertEquals(ReviewStatus.NEW, s.store.review().find(item.id()).orElseThrow().status(), "refused forms change nothing");

            HttpResponse<String> noSuchClause = b.post("/admin/review/" + item.id() + "/cover", "csrf", csrf, "by", "clause",
                    "value", "99.9");
            assertEquals(400, noSuchClause.statusCode());
            assertTrue(noSuchClause.body().contains("There is no clause &#39;99.9&#39; in policy version 1.2"), noSuchClause.body());

            HttpResponse<String> covered = b.post("/admin/review/" + item.id() + "/cover", "csrf", csrf, "by", "clause",
                    "value", "clause 2.2");
            assertEquals(303, covered.statusCode());
            ReviewItem after = s.store.review().find(item.id()).orElseThrow();
            assertEquals(ReviewStatus.COVERED, after.status());
            assertEquals("clause 2.2", after.resolution());
            assertEquals("Sam Policy", after.resolvedBy());
            String coveredPage = b.get("/admin/review?status=covered").body();
            assertTrue(coveredPage.contains("covered: clause 2.2 (Sam Policy)"), coveredPage);
        }
    }

    @Test
    void reviewItemsAreGroupedWithCountsAndCanBeCoveredByASynonymOrDismissed() {
        try (StoreServer s = start(TestStore.SQLITE)) {
            s.http.postJson("/api/ask", "{\"text\": \"what is the capital of Australia?\"}");
            s.http.postJson("/api/ask", "{\"text\": \"What is the capital of Australia\"}");
            s.http.postJson("/api/ask", "{\"text\": \"who won the 1966 world cup?\"}");
            Browser b = signedIn(s);
            String page = b.get("/admin/review").body();
            List<ReviewItem> items = s.store.review().list(ReviewStatus.NEW);
            assertEquals(2, items.size());
            assertEquals(2, items.get(0).occurrences());
            assertTrue(page.contains("<strong>2</strong><br>2 not covered, 0 low confidence, 0 not helpful"), page);
            assertTrue(page.contains("Latest: What is the capital of Australia"), page);
            String csrf = Browser.csrf(page);
            assertEquals(303, b.post("/admin/review/" + items.get(0).id() + "/cover", "csrf", csrf, "by", "synonym",
                    "value", "capital = seat of government").statusCode());
            assertEquals("synonym: capital = seat of government", s.store.review().find(items.get(0).id()).orElseThrow().resolution());
            assertEquals(303, b.post("/admin/review/" + items.get(1).id() + "/dismiss", "csrf", csrf, "reason", "sport").statusCode());
            assertEquals(ReviewStatus.DISMISSED, s.store.review().find(items.get(1).id()).orElseThrow().status());
            assertEquals(404, b.post("/admin/review/999/dismiss", "csrf", csrf).statusCode());
        }
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aSpecialistClaimsRepliesAndClosesATicketWithItsFullHistory(TestStore kind) {
        try (StoreServer s = start(kind)) {
            s.http.postJson("/api/escalations", "{\"question\": \"I want to talk to someone <b>now</b>\", \"contact\": \"jo@example.ac.uk\"}");
            Ticket t = s.store.tickets().list(null, null).get(0);
            Browser b = signedIn(s);
            String list = b.get("/admin/tickets?state=open").body();
            assertTrue(list.contains("<a href=\"/admin/tickets/" + t.id() + "\">" + t.reference() + "</a>"), list);
            assertTrue(list.contains("I want to talk to someone &lt;b&gt;now&lt;/b&gt;"), list);
            assertEquals(400, b.get("/admin/tickets?state=lost").statusCode());
            assertEquals(400, b.get("/admin/tickets?team=nobody").statusCode());

            String page = b.get("/admin/tickets/" + t.id()).body();
            assertTrue(page.contains("send it to the requester at jo@example.ac.uk yourself".replace("send", "Send")), page);
            String csrf = Browser.csrf(page);
            assertEquals(403, b.post("/admin/tickets/" + t.id() + "/claim").statusCode());
            assertEquals(303, b.post("/admin/tickets/" + t.id() + "/claim", "csrf", csrf).statusCode());
            HttpResponse<String> again = b.post("/admin/tickets/" + t.id() + "/claim", "csrf", csrf);
            assertEquals(409, again.statusCode());
            assertTrue(again.body().contains("it cannot be claimed"), again.body());
            assertEquals(400, b.post("/admin/tickets/" + t.id() + "/reply", "csrf", csrf, "text", " ").statusCode());
            assertEquals(303, b.post("/admin/tickets/" + t.id() + "/reply", "csrf", csrf, "text", "Call me on 0161 496 0000").statusCode());
            assertEquals(303, b.post("/admin/tickets/" + t.id() + "/close", "csrf", csrf, "text", "done").statusCode());
            assertEquals(404, b.post("/admin/tickets/" + t.id() + "/delete", "csrf", csrf).statusCode());

            Ticket closed = s.store.tickets().get(t.id());
            assertEquals(TicketState.CLOSED, closed.state());
            assertEquals("Sam Policy", closed.claimedBy());
            String history = b.get("/admin/tickets/" + t.id()).body();
            for (String step : List.of("<td>opened</td><td>-</td><td>open</td><td>jo@example.ac.uk</td>",
                    "<td>claimed</td><td>open</td><td>claimed</td><td>Sam Policy</td>",
                    "<td>answered</td><td>claimed</td><td>answered</td><td>Sam Policy</td><td class=\"text\">Call me on 0161 496 0000</td>",
                    "<td>closed</td><td>answered</td><td>closed</td><td>Sam Policy</td><td class=\"text\">done</td>")) {
                assertTrue(history.contains(step), step + " in " + history);
            }
            assertEquals(List.of(), s.store.outbox().byKeyPrefix("ticket-" + t.id() + "/"), "nothing to relay to the web chat");
        }
    }

    @Test
    void csvExportsQuoteAndDefuseWhatPeopleTyped() {
        try (StoreServer s = start(TestStore.SQLITE)) {
            s.http.postJson("/api/ask", "{\"text\": \"=HYPERLINK(\\\"http://evil\\\", \\\"who won, the cup\\\")\"}");
            Ticket t = s.store.tickets().open(new Escalation("jo@example.ac.uk", "teams", null, "May I use Otter?",
                    "exceptions", null, List.of(), "1.2", null).withExceptionRequest(
                    new ExceptionRequest("Otter for meeting notes", "staff names", "accessibility", "6 months")));
            s.store.tickets().decideException(t.id(), "dvc", new ExceptionOutcome.Agreed("no student data",
                    LocalDate.parse("2026-09-01"), null));
            Browser b = signedIn(s);

            HttpResponse<String> review = b.get("/admin/review.csv?status=all");
            assertEquals(200, review.statusCode());
            assertEquals("text/csv;charset=utf-8", review.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
            assertTrue(review.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment; filename=\"review-queue-"));
            assertTrue(review.body().startsWith("id,status,occurrences,"), review.body());
            assertTrue(review.body().contains(",\"'=HYPERLINK(\"\"http://evil\"\", \"\"who won, the cup\"\")\","), review.body());

            String tickets = b.get("/admin/tickets.csv").body();
            assertTrue(tickets.startsWith("reference,team,kind,state,"), tickets);
            assertTrue(tickets.contains("\r\nT-" + t.id() + ",exceptions,exception_request,open,false,0,teams,"), tickets);
            assertFalse(tickets.contains("jo@example.ac.uk") || tickets.contains("Otter?"),
                    "the requester's contact and words stay in the console");

            String register = b.get("/admin/exceptions.csv").body();
            assertTrue(register.startsWith("id,ticket,requester,ai_use,"), register);
            assertTrue(register.contains(",T-" + t.id() + ",jo@example.ac.uk,Otter for meeting notes,staff names,accessibility,"
                    + "6 months,agreed,no student data,dvc,"), register);
            String page = b.get("/admin/exceptions").body();
            assertTrue(page.contains("Otter for meeting notes") && page.contains("2026-09-01"), page);
        }
    }

    @Test
    void theOverviewChartsQuestionsPerDayByKindAndTheAnswerRate() {
        try (StoreServer s = start(TestStore.SQLITE)) {
            s.http.postJson("/api/ask", "{\"text\": \"can I paste student marks into ChatGPT?\"}");
            s.http.postJson("/api/ask", "{\"text\": \"can I paste student marks into Gemini?\"}");
            s.http.postJson("/api/ask", "{\"text\": \"what is the capital of Australia?\"}");
            s.answers.flush();
            String page = signedIn(s).get("/admin").body();
            String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
            assertTrue(page.contains("<svg id=\"chart-questions\""), page);
            assertTrue(page.contains("<title>" + today + ": 2 answered from the policy</title>"), page);
            assertTrue(page.contains("<title>" + today + ": 1 not covered by the policy</title>"), page);
            assertTrue(page.contains("<svg id=\"chart-answer-rate\""), page);
            assertTrue(page.contains("<title>" + today + ": 67%</title>"), page);
            assertTrue(page.contains("<th scope=\"row\">" + today + "</th><td>2</td><td>0</td><td>1</td><td>0</td><td>67%</td>"), page);
        }
    }

    @Test
    void withoutAWayToSignInTheConsoleIsOffAndSaysHowTheRestRuns() throws Exception {
        try (StoreServer s = StoreServer.start(TestStore.SQLITE, dir, AdminAuth.off())) {
            Browser b = new Browser(s.server.port());
            for (String path : List.of("/admin", "/admin/login", "/admin/tickets")) {
                HttpResponse<String> r = b.get(path);
                assertEquals(503, r.statusCode(), path);
                assertTrue(r.body().contains("Set POLICYBOT_ADMIN_TOKEN to a long random secret"), r.body());
                assertTrue(r.body().contains("POLICYBOT_ADMIN_USERS"), r.body());
            }
            assertEquals(503, b.post("/admin/login", "name", "x", "secret", "y").statusCode());
            assertEquals(200, s.http.postJson("/api/ask", "{\"text\": \"can I use ChatGPT?\"}").statusCode());
            assertEquals(200, s.http.get("/readyz").statusCode());
        }
        try (WebServer noStore = new WebServer(WebConfig.local(), TestBots.shared(), WebServices.withoutStore(),
                new WebMetrics()).start()) {
            HttpResponse<String> r = new Browser(noStore.port()).get("/admin");
            assertEquals(503, r.statusCode());
            assertTrue(r.body().contains("this server has no store configured"), r.body());
        }
    }

    @Test
    void aUsersFileOfHashedPasswordsSignsPeopleInByName() throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, "# review console users\n\nsam.policy:" + PasswordHash.create("correct horse battery".toCharArray(),
                PasswordHash.MIN_ITERATIONS).encoded() + "\n");
        AdminAuth auth = AdminAuth.fromEnvironment(Map.of("POLICYBOT_ADMIN_USERS", users.toString()));
        try (StoreServer s = StoreServer.start(TestStore.SQLITE, dir.resolve("store"), auth,
                policybot.bot.routing.RoutingTable.bundled(), null, null)) {
            Browser b = new Browser(s.server.port());
            assertTrue(b.get("/admin/login").body().contains("<label for=\"secret\">Password</label>"));
            assertEquals(401, b.signIn("sam.policy", "correct horse battery staple").statusCode());
            assertEquals(401, b.signIn("lee", "correct horse battery").statusCode());
            assertEquals(401, b.signIn("sam.policy", TOKEN).statusCode(), "no token configured: a token is no password");
            assertEquals(303, b.signIn("Sam.Policy", "correct horse battery").statusCode());
            assertTrue(b.get("/admin").body().contains("Signed in as Sam.Policy"));
            assertEquals(401, b.get("/admin/review.csv", "Authorization", "Bearer anything-at-all-here").statusCode());
        }
    }

    @Test
    void aBadUsersFileOrAShortTokenIsAStartUpErrorNamingTheLine() throws Exception {
        Path users = dir.resolve("users");
        Files.writeString(users, "sam:" + PasswordHash.create("long enough pw".toCharArray(), PasswordHash.MIN_ITERATIONS).encoded()
                + "\nlee:plaintext-password\n");
        String e = assertThrows(IllegalArgumentException.class,
                () -> AdminAuth.fromEnvironment(Map.of("POLICYBOT_ADMIN_USERS", users.toString()))).getMessage();
        assertTrue(e.startsWith("users file " + users + ", line 2: a password hash must look like pbkdf2-sha256$"), e);
        Files.writeString(users, "sam:pbkdf2-sha256$1000$c2FsdHNhbHQ=$aGFzaGhhc2hoYXNoaGFzaA==\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AdminAuth.fromEnvironment(
                Map.of("POLICYBOT_ADMIN_USERS", users.toString()))).getMessage().contains("at least 10000 are needed"));
        String shortToken = assertThrows(IllegalArgumentException.class,
                () -> AdminAuth.fromEnvironment(Map.of("POLICYBOT_ADMIN_TOKEN", "secret"))).getMessage();
        assertTrue(shortToken.startsWith("POLICYBOT_ADMIN_TOKEN is 6 characters long; use at least 16"), shortToken);
        assertFalse(AdminAuth.fromEnvironment(Map.of()).on());
    }

    @Test
    void aPasswordHashRoundTripsAndNeverMatchesAnotherPassword() {
        PasswordHash h = PasswordHash.create("correct horse battery".toCharArray(), PasswordHash.MIN_ITERATIONS);
        PasswordHash parsed = PasswordHash.parse(h.encoded());
        assertTrue(parsed.matches("correct horse battery".toCharArray()));
        assertFalse(parsed.matches("correct horse batterY".toCharArray()));
        assertNotEquals(h.encoded(), PasswordHash.create("correct horse battery".toCharArray(), PasswordHash.MIN_ITERATIONS)
                .encoded(), "a fresh salt each time");
        assertFalse(h.toString().contains(h.encoded().substring(30)), "toString shows no digest");
    }

    @Test
    void wrongMethodsGetTheAllowHeader() {
        try (StoreServer s = start(TestStore.SQLITE)) {
            Browser b = new Browser(s.server.port());
            HttpResponse<String> r = signedIn(s).get("/admin/tickets/1/claim");
            assertEquals(405, r.statusCode());
            assertEquals("POST", r.headers().firstValue("Allow").orElseThrow());
            assertEquals(303, b.get("/admin/review").statusCode());
        }
    }
}
