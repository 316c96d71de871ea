package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.adapters.web.admin.AdminAuth;
import policybot.bot.store.TestStore;

/**
 * Path traversal on every route that serves a file (the chat's page, script, style sheet and icon,
 * the console's style sheet): dot segments, encoded and double-encoded, backslashes, overlong
 * UTF-8, NUL, path parameters, class-path and file names. Sent byte for byte over a raw socket
 * (an HTTP client would tidy the path first). Nothing outside the served files ever comes back,
 * and no variant reaches a console page without signing in.
 */
class PathTraversalTest {
    @TempDir
    Path dir;

    /** Text that would show a file other than the served ones had been read. */
    static final List<String> LEAKS = List.of("root:x:0:0", "[core]", "CREATE TABLE", "teams:", "<configuration",
            "package policybot", "Main-Class", "<web-app", "PRAGMA", "policybot_admin_login", "Ticket T-");

    static final List<String> TARGETS = List.of(
            "/../../../../etc/passwd",
            "/..%2f..%2f..%2f..%2fetc%2fpasswd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/%252e%252e/%252e%252e/etc/passwd",
            "/..\\..\\..\\..\\etc\\passwd",
            "/..%5c..%5c..%5cetc%5cpasswd",
            "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
            "/%u002e%u002e/etc/passwd",
            "//etc/passwd",
            "/./../etc/passwd",
            "/chat.js/../../../etc/passwd",
            "/chat.js/..%2f..%2f..%2fetc%2fpasswd",
            "/chat.js%2f..%2f..%2fetc%2fpasswd",
            "/chat.js%00.html",
            "/chat.js%00/../../etc/passwd",
            "/chat.css/..;/..;/etc/passwd",
            "/favicon.svg;/../../../etc/passwd",
            "/favicon.svg/%2e%2e/%2e%2e/etc/passwd",
            "/admin/admin.css/../../../etc/passwd",
            "/admin/admin.css/..%2f..%2f..%2fetc%2fpasswd",
            "/admin/..%2fadmin.css",
            "/admin/admin.css%2f..%2ftickets",
            "/admin/admin.css/../tickets",
            "/admin/admin.css/..;/tickets",
            "/admin/admin.css;/../tickets",
            "/admin/%2e%2e/admin/tickets",
            "/admin/admin.css/%2e%2e/review.csv",
            "/policybot/web/chat.js",
            "/policybot/web/index.html",
            "/policybot/web/admin.css",
            "/policybot/bot/routing.yaml",
            "/policybot/policy/ai-use-policy-v1.2.txt",
            "/db/migration/V1__store.sql",
            "/logback.xml",
            "/logback-test.xml",
            "/META-INF/MANIFEST.MF",
            "/WEB-INF/web.xml",
            "/.git/config",
            "/index.html",
            "/chat.js.bak",
            "/chat.js~",
            "/CHAT.JS",
            "/data/policybot.db",
            "/policybot.db",
            "http://127.0.0.1/../../etc/passwd");

    /** One response, read off the wire. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    @Test
    void noVariantOfAnyFileRouteServesAnythingButTheServedFiles() throws Exception {
        try (StoreServer s = StoreServer.start(TestStore.SQLITE, dir, AdminAuth.of("an-admin-token-for-the-tests", Map.of()))) {
            int port = s.server.port();
            // what the routes really serve, to tell a served file from anything else
            Map<String, String> served = new LinkedHashMap<>();
            for (String path : List.of("/", "/chat.js", "/chat.css", "/favicon.svg", "/admin/admin.css")) {
                Response r = raw(port, path);
                assertEquals(200, r.status(), path);
                served.put(path, r.body());
            }
            // someone signs in and a ticket exists: a console page leaking through would show it
            s.store.tickets().open(new policybot.bot.escalation.Escalation("u-jo", "web", null, "a confidential question",
                    "dts", null, null, "1.2", null));

            List<String> problems = new ArrayList<>();
            Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
            for (String target : TARGETS) {
                for (String method : List.of("GET", "HEAD")) {
                    Response r = raw(port, method, target);
                    byStatus.merge(r.status(), 1, Integer::sum);
                    boolean refused = r.status() == 400 || r.status() == 404;
                    boolean toSignIn = r.status() == 303 && "/admin/login".equals(r.headers().get("location"));
                    boolean aServedFile = r.status() == 200 && (method.equals("HEAD") ? r.body().isEmpty()
                            : served.containsValue(r.body()));
                    if (!(refused || toSignIn || aServedFile)) {
                        problems.add(method + " " + target + " -> " + r.status() + " " + r.headers().get("location") + " "
                                + r.body().substring(0, Math.min(120, r.body().length())));
                    }
                    for (String leak : LEAKS) {
                        if (r.body().contains(leak) && !served.containsValue(r.body())) {
                            problems.add(method + " " + target + " leaked '" + leak + "'");
                        }
                    }
                    assertFalse(r.body().contains("a confidential question"), target);
                }
            }
            assertEquals(List.of(), problems);
            System.out.println("path traversal: " + TARGETS.size() * 2 + " requests, by status " + byStatus);
            // the server is still well after all that
            assertEquals(200, raw(port, "/healthz").status());
            // and the legitimate file with a query string is that file, nothing else
            Response q = raw(port, "/chat.js?file=../../../../etc/passwd");
            assertEquals(200, q.status());
            assertEquals(served.get("/chat.js"), q.body());
        }
    }

    @Test
    void theRawClientSeesWhatTheServerSends() throws Exception {
        // the control: a test that cannot tell a 200 from a 404 would pass anything
        try (StoreServer s = StoreServer.start(TestStore.SQLITE, dir, AdminAuth.off())) {
            Response page = raw(s.server.port(), "/");
            assertEquals(200, page.status());
            assertTrue(page.body().contains("<html"), page.body());
            assertEquals(404, raw(s.server.port(), "/nothing-here").status());
            assertTrue(raw(s.server.port(), "/admin/admin.css").body().contains("{"));
        }
    }

    static Response raw(int port, String target) throws IOException {
        return raw(port, "GET", target);
    }

    static Response raw(int port, String method, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] all = socket.getInputStream().readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] head = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(head[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), head[i].substring(colon + 1).strip());
            }
            byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(new java.io.ByteArrayInputStream(body));
            }
            return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder line = new StringBuilder();
            for (int c; (c = in.read()) != '\n'; ) {
                if (c < 0) {
                    return out.toByteArray();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            int size = Integer.parseInt(line.toString().split(";")[0].strip(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            in.read();
            in.read();
        }
    }
}
