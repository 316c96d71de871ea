package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The try-it chat in headless Chromium (Debian's chromium and chromium-driver), driven through
 * Selenium against the real server. Skipped when the browser is not installed.
 */
class ChatBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String TOKEN = "browser-test-token";

    @TempDir
    static Path profile;

    private static FeedbackAndEscalationTest.Recorded sinks;
    private static WebServer server;
    private static WebServer guarded;
    /** The real store (SQLite) behind the chat, and the review console with a token. */
    private static StoreServer stored;
    static final String ADMIN_TOKEN = "browser-admin-token-0123456789";
    /** Selenium warns that it has no DevTools bindings for this Chromium; the test uses none. */
    private static final java.util.logging.Logger CDP_WARNINGS = quiet("org.openqa.selenium.devtools.CdpVersionFinder");
    private static final java.util.logging.Logger CHROMIUM_WARNINGS = quiet("org.openqa.selenium.chromium.ChromiumDriver");
    private ChromeDriver driver;
    private WebDriverWait wait;

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    @BeforeAll
    static void start() {
        if (!browserInstalled()) {
            return;
        }
        sinks = new FeedbackAndEscalationTest.Recorded();
        server = new WebServer(WebConfig.local(), TestBots.shared(),
                WebServices.withoutStore().withFeedback(sinks).withEscalations(sinks), new WebMetrics()).start();
        guarded = new WebServer(WebConfig.local().withApiToken(TOKEN), TestBots.shared(), WebServices.withoutStore(),
                new WebMetrics()).start();
        try {
            stored = StoreServer.start(policybot.bot.store.TestStore.SQLITE, Files.createTempDirectory(profile, "store"),
                    policybot.adapters.web.admin.AdminAuth.of(ADMIN_TOKEN, java.util.Map.of()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (guarded != null) {
            guarded.stop();
        }
        if (stored != null) {
            stored.close();
        }
    }

    @BeforeEach
    void openBrowser() throws IOException {
        // each test reports itself skipped, so a run without the browser says so
        assumeTrue(browserInstalled(), "headless browser test skipped: apt-get install -y chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1000,1300",
                "--user-data-dir=" + Files.createTempDirectory(profile, "chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // one driver service per browser: quitting the browser also ends its service
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    @AfterEach
    void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private void open(WebServer s) {
        driver.get("http://127.0.0.1:" + s.port() + "/");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("question")));
    }

    private WebElement ask(String question) {
        int before = driver.findElements(By.cssSelector("#log article")).size();
        WebElement box = driver.findElement(By.id("question"));
        box.sendKeys(question);
        box.sendKeys(Keys.ENTER);
        wait.until(d -> d.findElements(By.cssSelector("#log article")).size() > before);
        return driver.findElement(By.cssSelector("#log article"));
    }

    private String activeId() {
        return (String) driver.executeScript("return document.activeElement && document.activeElement.id");
    }

    private void screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Files.copy(shot.toPath(), dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void asksAQuestionAndSeesTheVerdictTheQuotedClausesAndTheNotice() throws IOException {
        open(server);
        assertTrue(driver.getTitle().contains("Policy for the use of Artificial Intelligence"), driver.getTitle());
        WebElement answer = ask("can I paste student marks into ChatGPT?");

        assertEquals("can I paste student marks into ChatGPT?", answer.findElement(By.cssSelector(".question-text")).getText());
        assertEquals("Not allowed", answer.findElement(By.cssSelector(".badge")).getText());
        List<WebElement> clauses = answer.findElements(By.cssSelector(".citation"));
        assertFalse(clauses.isEmpty());
        String first = clauses.get(0).findElement(By.tagName("figcaption")).getText();
        assertTrue(first.contains("Clause 2.2"), first);
        assertTrue(first.contains("Policy Details > 2) Legality"), first);
        assertTrue(clauses.get(0).findElement(By.tagName("blockquote")).getText()
                .contains("not upload any personal data"));
        assertTrue(answer.findElement(By.cssSelector(".meta")).getText().contains("Policy version 1.2"));
        assertTrue(answer.findElement(By.cssSelector(".notice")).getText().startsWith("Automated answer from the"));
        String shown = answer.getText();
        assertFalse(shown.contains("**") || shown.contains("> not upload"), "the Markdown is rendered, not shown: " + shown);

        // the question box is ready for the next question, and the answer is announced politely
        assertEquals("question", activeId());
        assertEquals("", driver.findElement(By.id("question")).getAttribute("value"));
        assertEquals("polite", driver.findElement(By.id("log")).getAttribute("aria-live"));

        ask("what about Gemini?");
        assertEquals(2, driver.findElements(By.cssSelector("#log article")).size());
        screenshot("chat-answer.png");
        assertNoConsoleErrors();
    }

    @Test
    void whatAPersonTypesIsShownAsTextAndNeverRuns() {
        open(server);
        String attack = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script> can I use ChatGPT?";
        WebElement answer = ask(attack);
        assertEquals(attack, answer.findElement(By.cssSelector(".question-text")).getText());
        assertTrue(driver.findElements(By.cssSelector("#log img, #log script")).isEmpty());
        assertFalse(driver.getTitle().contains("pwned"));
    }

    @Test
    void anEmptyQuestionIsRefusedWithAMessageNextToTheBox() {
        open(server);
        driver.findElement(By.id("ask-button")).click();
        WebElement error = driver.findElement(By.id("question-error"));
        wait.until(ExpectedConditions.visibilityOf(error));
        assertEquals("Please type a question first.", error.getText());
        assertEquals("true", driver.findElement(By.id("question")).getAttribute("aria-invalid"));
        assertEquals("question", activeId());
    }

    @Test
    void helpfulAndAskASpecialistReachTheSinks() throws IOException {
        open(server);
        int feedbackBefore = sinks.feedback.size();
        int ticketsBefore = sinks.escalations.size();
        ask("what is the weather in Paris tomorrow?");
        WebElement answer = ask("I want to talk to someone in Information Governance about a DPIA");

        WebElement helpful = answer.findElement(By.cssSelector(".helpful"));
        helpful.click();
        WebElement status = answer.findElement(By.cssSelector(".action-status"));
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Thank you"));
        assertEquals("true", helpful.getAttribute("aria-pressed"));
        assertEquals(feedbackBefore + 1, sinks.feedback.size());
        Feedback f = sinks.feedback.get(sinks.feedback.size() - 1);
        assertEquals("I want to talk to someone in Information Governance about a DPIA", f.question());
        assertTrue(f.helpful());
        assertEquals("1.2", f.policyVersion());

        WebElement specialist = answer.findElement(By.cssSelector(".specialist"));
        specialist.click();
        WebElement form = answer.findElement(By.cssSelector(".specialist-form"));
        wait.until(ExpectedConditions.visibilityOf(form));
        assertEquals("true", specialist.getAttribute("aria-expanded"));
        WebElement contact = form.findElement(By.name("contact"));
        assertEquals(contact, driver.switchTo().activeElement(), "focus moves into the form");
        screenshot("chat-specialist.png");

        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Please say how the specialist can contact you"));
        assertEquals("true", contact.getAttribute("aria-invalid"));
        assertEquals(ticketsBefore, sinks.escalations.size());

        contact.sendKeys("a.person@example.ac.uk");
        form.findElement(By.name("details")).sendKeys("It is for a grant bid.");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElement(status, "was created"));
        assertEquals(ticketsBefore + 1, sinks.escalations.size());
        EscalationRequest t = sinks.escalations.get(sinks.escalations.size() - 1);
        assertEquals("a.person@example.ac.uk", t.contact());
        assertEquals("It is for a grant bid.", t.details());
        assertEquals("information-governance", t.suggestedTeam(), "the answer's route goes with the request");
        assertFalse(form.isDisplayed());
    }

    @Test
    void askASpecialistOnTheRealStoreShowsTheTicketNumberOnceItIsCommitted() throws IOException {
        open(stored.server);
        WebElement answer = ask("I want to talk to someone in Information Governance about a DPIA");
        answer.findElement(By.cssSelector(".specialist")).click();
        WebElement form = answer.findElement(By.cssSelector(".specialist-form"));
        wait.until(ExpectedConditions.visibilityOf(form));
        form.findElement(By.name("contact")).sendKeys("a.person@example.ac.uk");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement status = answer.findElement(By.cssSelector(".action-status"));
        wait.until(ExpectedConditions.textToBePresentInElement(status, "Your question is now ticket T-"));
        screenshot("chat-specialist-ticket.png");
        var tickets = stored.store.tickets().list(null, null);
        var ticket = tickets.stream().filter(t -> t.requester().equals("a.person@example.ac.uk")).findFirst().orElseThrow();
        assertTrue(status.getText().startsWith("Your question is now ticket " + ticket.reference() + " for the "),
                status.getText());
        assertEquals("information-governance", ticket.team());
        assertEquals(status, driver.switchTo().activeElement(), "focus is on the confirmation");
    }

    @Test
    void anOutOfScopeQuestionIsFoundInTheConsoleAndMarkedCovered() throws IOException {
        open(stored.server);
        String question = "what is the weather in Paris tomorrow?";
        ask(question);
        stored.answers.flush();

        String base = "http://127.0.0.1:" + stored.server.port();
        driver.get(base + "/admin");
        wait.until(ExpectedConditions.urlToBe(base + "/admin/login"));
        driver.findElement(By.id("name")).sendKeys("Robin Policy");
        driver.findElement(By.id("secret")).sendKeys(ADMIN_TOKEN);
        driver.findElement(By.cssSelector("form.login button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/admin"));
        assertTrue(driver.findElement(By.id("chart-questions")).isDisplayed(), "the chart of questions per day");
        assertTrue(driver.findElement(By.id("chart-answer-rate")).isDisplayed());
        assertFalse(driver.findElements(By.cssSelector("#chart-questions rect.bar.no_answer")).isEmpty(),
                "a bar for today's question not covered");
        screenshot("admin-overview.png");

        driver.findElement(By.linkText("Review queue")).click();
        WebElement row = wait.until(d -> d.findElements(By.cssSelector("table.review tbody tr")).stream()
                .filter(r -> r.getText().contains(question)).findFirst().orElse(null));
        row.findElement(By.name("value")).sendKeys("2.2");
        screenshot("admin-review.png");
        row.findElement(By.xpath(".//button[text()='Mark covered']")).click();
        wait.until(ExpectedConditions.urlContains("#item-"));
        wait.until(d -> d.findElements(By.cssSelector("table.review tbody tr")).stream()
                .noneMatch(r -> r.getText().contains(question)));
        var item = stored.store.review().list(null).stream().filter(i -> i.example().equals(question)).findFirst().orElseThrow();
        assertEquals("covered", item.status().wire());
        assertEquals("clause 2.2", item.resolution());
        assertEquals("Robin Policy", item.resolvedBy());
        assertNoConsoleErrors();
    }

    @Test
    void aServerWithATokenAsksForItAndSaysWhenFeedbackIsNotAvailableYet() {
        open(guarded);
        WebElement box = driver.findElement(By.id("question"));
        box.sendKeys("who approves exceptions?");
        box.sendKeys(Keys.ENTER);
        WebElement token = driver.findElement(By.id("token"));
        wait.until(ExpectedConditions.visibilityOf(token));
        assertEquals("token", activeId(), "focus moves to the token field");
        assertTrue(driver.findElement(By.id("status")).getText().contains("access token"));

        token.sendKeys(TOKEN);
        driver.findElement(By.id("ask-button")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#log article")).isEmpty());
        WebElement answer = driver.findElement(By.cssSelector("#log article"));
        assertEquals("who approves exceptions?", answer.findElement(By.cssSelector(".question-text")).getText());

        answer.findElement(By.cssSelector(".not-helpful")).click();
        WebElement status = answer.findElement(By.cssSelector(".action-status"));
        wait.until(ExpectedConditions.textToBePresentInElement(status, "not be recorded on this server yet"));
        assertTrue(answer.findElement(By.cssSelector(".not-helpful")).isEnabled(), "can try again later");
    }

    @Test
    void theSkipLinkIsTheFirstThingTheKeyboardReaches() {
        open(server);
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement first = driver.switchTo().activeElement();
        assertEquals("Skip to the question box", first.getText());
        first.sendKeys(Keys.ENTER);
        wait.until(d -> "question".equals(activeId()));
    }

    private void assertNoConsoleErrors() {
        List<LogEntry> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(errors.isEmpty(), "console errors (a CSP violation shows here): " + errors);
    }

}
