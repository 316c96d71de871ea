package policybot.adapters.web.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.adapters.web.Html;
import policybot.bot.Escalations;
import policybot.bot.activity.AnswerLog;
import policybot.bot.routing.RoutingTable;

/**
 * The review console at {@code /admin}, for the policy team and the specialists: the review
 * queue, the tickets, the exceptions register, CSV exports and two charts. Behind a sign-in
 * ({@link AdminAuth}); every form carries its session's CSRF token; every piece of text from a
 * user is escaped. Without a way to sign in, or without a store, it is off and {@code /admin}
 * answers 503 saying how to turn it on; the rest of the server runs as usual.
 */
public final class AdminConsole {
    private static final Logger log = LoggerFactory.getLogger(AdminConsole.class);
    static final String SESSION_COOKIE = "policybot_admin";
    static final String LOGIN_COOKIE = "policybot_admin_login";
    static final String SESSION_ATTRIBUTE = "policybot.admin.session";
    static final String WITHOUT_STORE = "The review console is off: this server has no store configured.";

    private final String offReason;
    private final AdminPages pages;
    private final AdminAuth auth;
    private final AdminSessions sessions;
    private final LoginLimiter logins;
    private final byte[] css;

    private AdminConsole(String offReason, AdminPages pages, AdminAuth auth, Clock clock) {
        this.offReason = offReason;
        this.pages = pages;
        this.auth = auth;
        this.sessions = new AdminSessions(clock);
        this.logins = new LoginLimiter(clock);
        this.css = read();
    }

    /** A console that is off, saying why on /admin (503). */
    public static AdminConsole off(String reason) {
        return new AdminConsole(reason, null, AdminAuth.off(), Clock.systemUTC());
    }

    public static AdminConsole withoutStore() {
        return off(WITHOUT_STORE);
    }

    /**
     * The console on the store. Off (saying how to turn it on) when {@code auth} has no way to sign in.
     *
     * @param clauseIds the policy's clause ids: "covered by clause X" must name one of them
     */
    public static AdminConsole on(AdminAuth auth, Escalations store, AnswerLog answers, RoutingTable routing,
                                  Set<String> clauseIds, String policyVersion, Clock clock) {
        if (!auth.on()) {
            log.warn(AdminAuth.HOW_TO_ENABLE);
            return off(AdminAuth.HOW_TO_ENABLE);
        }
        return new AdminConsole(null, new AdminPages(store, answers, routing, clauseIds, policyVersion, clock), auth, clock);
    }

    public boolean enabled() {
        return offReason == null;
    }

    /** Registers the console's routes on the server. */
    public void routes(RoutesConfig r) {
        r.exception(AdminResponse.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            if (e.redirect() != null) {
                ctx.redirect(e.redirect(), HttpStatus.SEE_OTHER);
            } else {
                html(ctx, e.status(), e.page());
            }
        });
        r.get("/admin/admin.css", ctx -> {
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType("text/css; charset=utf-8").result(css);
        });
        r.before("/admin", this::gate);
        r.before("/admin/*", this::gate);
        r.get("/admin/login", this::loginForm);
        r.post("/admin/login", this::login);
        r.post("/admin/logout", this::logout);
        r.get("/admin", ctx -> html(ctx, 200, pages.overview(session(ctx))));
        r.get("/admin/review", ctx -> html(ctx, 200, pages.review(session(ctx), ctx.queryParam("status"))));
        r.get("/admin/review.csv", ctx -> csv(ctx, "review-queue", pages.reviewCsv(ctx.queryParam("status"))));
        r.post("/admin/review/{id}/cover", ctx -> redirect(ctx, pages.cover(session(ctx), id(ctx),
                ctx.formParam("by"), ctx.formParam("value"))));
        r.post("/admin/review/{id}/dismiss", ctx -> redirect(ctx, pages.dismiss(session(ctx), id(ctx),
                ctx.formParam("reason"))));
        r.get("/admin/tickets", ctx -> html(ctx, 200, pages.tickets(session(ctx), ctx.queryParam("team"),
                ctx.queryParam("state"))));
        r.get("/admin/tickets.csv", ctx -> csv(ctx, "tickets", pages.ticketsCsv()));
        r.get("/admin/tickets/{id}", ctx -> html(ctx, 200, pages.ticket(session(ctx), id(ctx))));
        r.post("/admin/tickets/{id}/{action}", ctx -> redirect(ctx, pages.ticketAction(session(ctx), id(ctx),
                ctx.pathParam("action"), ctx.formParam("text"))));
        r.get("/admin/exceptions", ctx -> html(ctx, 200, pages.exceptions(session(ctx))));
        r.get("/admin/exceptions.csv", ctx -> csv(ctx, "exceptions-register", pages.exceptionsCsv()));
    }

    /** The methods a console path takes, for a 405's Allow header; empty for a path that is not the console's. */
    public Optional<String> allowed(String path) {
        if (!path.equals("/admin") && !path.startsWith("/admin/")) {
            return Optional.empty();
        }
        if (path.equals("/admin/login")) {
            return Optional.of("GET, POST");
        }
        return Optional.of(path.equals("/admin/logout") || path.matches("/admin/(review|tickets)/\\d+/\\w+") ? "POST" : "GET");
    }

    /** Before every console page: on, signed in (or the admin token as a bearer token, to read), and the CSRF token on a POST. */
    private void gate(Context ctx) {
        String path = ctx.path();
        if (path.equals("/admin/admin.css")) {
            return;
        }
        if (!enabled()) {
            throw AdminResponse.page(503, AdminPages.notice("Review console off", offReason));
        }
        if (path.equals("/admin/login")) {
            return;
        }
        boolean post = ctx.method().name().equals("POST");
        String authorization = ctx.header("Authorization");
        if (authorization != null) {
            if (post || !auth.acceptsBearer(authorization)) {
                throw AdminResponse.page(401, AdminPages.notice("Not signed in",
                        post ? "The console's forms need a signed-in session, not a bearer token."
                                : "The access token is not valid for the review console."))
                        .with("WWW-Authenticate", "Bearer realm=\"policybot-admin\"");
            }
            ctx.attribute(SESSION_ATTRIBUTE, new AdminSessions.Session(null, "(admin token)", null, null));
            return;
        }
        Optional<AdminSessions.Session> session = sessions.find(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            if (post) {
                throw AdminResponse.page(401, AdminPages.notice("Not signed in",
                        "Your session has ended or you are not signed in. Sign in again at /admin/login."));
            }
            throw AdminResponse.redirect("/admin/login");
        }
        if (post && !AdminSessions.same(session.get().csrf(), ctx.formParam("csrf"))) {
            log.warn("refused a console form without a valid CSRF token ({} {})", ctx.method(), path);
            throw AdminResponse.page(403, AdminPages.notice("Form refused",
                    "This form did not carry the console's security token (it may have come from another site, or "
                            + "from a page opened before you last signed in). Nothing was changed. Reload the page and try again."));
        }
        ctx.attribute(SESSION_ATTRIBUTE, session.get());
    }

    private void loginForm(Context ctx) {
        if (sessions.find(ctx.cookie(SESSION_COOKIE)).isPresent()) {
            ctx.redirect("/admin", HttpStatus.SEE_OTHER);
            return;
        }
        String nonce = AdminSessions.random();
        cookie(ctx, LOGIN_COOKIE, nonce, 3600);
        html(ctx, 200, AdminPages.login(nonce, auth.hasToken(), auth.hasUsers(), null));
    }

    private void login(Context ctx) {
        if (!logins.allow(ctx.ip())) {
            throw AdminResponse.page(429, AdminPages.notice("Too many attempts",
                    "Too many sign-in attempts from your address: wait a minute and try again."));
        }
        String nonce = ctx.cookie(LOGIN_COOKIE);
        if (!AdminSessions.same(nonce, ctx.formParam("csrf"))) {
            throw AdminResponse.page(403, AdminPages.notice("Form refused",
                    "The sign-in form had expired or did not come from this console. Nothing was sent; open /admin/login again."));
        }
        Optional<String> who = auth.login(ctx.formParam("name"), ctx.formParam("secret"));
        if (who.isEmpty()) {
            logins.failed(ctx.ip());
            log.warn("a failed sign-in to the review console");
            html(ctx, 401, AdminPages.login(nonce, auth.hasToken(), auth.hasUsers(),
                    "That name and password (or token) are not right."));
            return;
        }
        AdminSessions.Session s = sessions.open(who.get());
        log.info("{} signed in to the review console", who.get());
        cookie(ctx, LOGIN_COOKIE, "", 0);
        cookie(ctx, SESSION_COOKIE, s.id(), (int) AdminSessions.LIFETIME.toSeconds());
        ctx.redirect("/admin", HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        AdminSessions.Session s = session(ctx);
        if (s.id() != null) {
            sessions.close(s.id());
        }
        cookie(ctx, SESSION_COOKIE, "", 0);
        ctx.redirect("/admin/login", HttpStatus.SEE_OTHER);
    }

    /** HttpOnly, SameSite=Strict, only under /admin; Secure when the request came over https (directly or through a proxy). */
    private static void cookie(Context ctx, String name, String value, int maxAge) {
        boolean https = "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/admin; Max-Age=" + maxAge
                + "; HttpOnly; SameSite=Strict" + (https ? "; Secure" : ""));
    }

    private static AdminSessions.Session session(Context ctx) {
        return ctx.attribute(SESSION_ATTRIBUTE);
    }

    private static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw AdminResponse.page(404, AdminPages.notice("Not found", "There is nothing at " + ctx.path() + "."));
        }
    }

    private static void html(Context ctx, int status, String page) {
        ctx.status(status).contentType("text/html; charset=utf-8").result(page);
    }

    private static void redirect(Context ctx, String to) {
        ctx.redirect(to, HttpStatus.SEE_OTHER);
    }

    private static void csv(Context ctx, String name, String body) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read() {
        try (var in = Html.class.getClassLoader().getResourceAsStream("policybot/web/admin.css")) {
            if (in == null) {
                throw new IllegalStateException("the console's stylesheet policybot/web/admin.css is missing from the class path");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
