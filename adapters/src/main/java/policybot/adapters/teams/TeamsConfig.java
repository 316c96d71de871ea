package policybot.adapters.teams;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How the Teams adapter is set up: the bot's Azure registration and where the Bot Framework's
 * services are. Read from the environment; tests point the two URLs at local fakes.
 *
 * @param appId              the bot's Microsoft App ID (the audience of every incoming token)
 * @param appPassword        its client secret; never logged or printed
 * @param tenantId           the Entra ID tenant of a single-tenant bot; empty for a multi-tenant one
 * @param openIdMetadataUrl  where the Bot Framework publishes its token-signing keys
 * @param tokenUrl           where the bot gets its own tokens for calls to the Bot Connector
 * @param serviceUrl         the Bot Connector address for proactive posts to a team's channel
 */
public record TeamsConfig(String appId, String appPassword, Optional<String> tenantId, URI openIdMetadataUrl,
                          URI tokenUrl, URI serviceUrl) {
    /** The Bot Framework's published OpenID metadata for tokens from channels to bots (public cloud). */
    public static final String BOT_FRAMEWORK_OPENID_METADATA = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    /** The multi-tenant bots' tenant, as the Bot Framework has always used. */
    public static final String MULTI_TENANT = "botframework.com";
    /** Teams' global Bot Connector address; it routes proactive posts to the tenant's region. */
    public static final String TEAMS_GLOBAL_SERVICE_URL = "https://smba.trafficmanager.net/teams/";

    public TeamsConfig {
        if (appId == null || appId.isBlank()) {
            throw new IllegalArgumentException("MICROSOFT_APP_ID is empty");
        }
        if (appPassword == null || appPassword.isBlank()) {
            throw new IllegalArgumentException("MICROSOFT_APP_PASSWORD is empty");
        }
        tenantId = tenantId.filter(t -> !t.isBlank()).map(String::strip);
        tenantId.ifPresent(t -> {
            // It is put into a URL path: a tenant id (GUID) or a domain name, nothing else.
            if (!t.matches("[A-Za-z0-9.-]{1,100}")) {
                throw new IllegalArgumentException("MICROSOFT_APP_TENANT_ID must be a tenant id (a GUID) or a domain, not '" + t + "'");
            }
        });
        appId = appId.strip();
    }

    /** The v2.0 token endpoint of the bot's tenant (single-tenant) or of botframework.com (multi-tenant). */
    public static URI defaultTokenUrl(Optional<String> tenantId) {
        return URI.create("https://login.microsoftonline.com/" + tenantId.orElse(MULTI_TENANT) + "/oauth2/v2.0/token");
    }

    /**
     * From {@code MICROSOFT_APP_ID}, {@code MICROSOFT_APP_PASSWORD}, {@code MICROSOFT_APP_TENANT_ID},
     * {@code TEAMS_OPENID_METADATA_URL}, {@code TEAMS_TOKEN_URL} and {@code TEAMS_SERVICE_URL}.
     *
     * @return empty when neither the app id nor the password is set (Teams is off)
     * @throws IllegalArgumentException when only one of them is set, or a URL is not http(s)
     */
    public static Optional<TeamsConfig> fromEnvironment(Map<String, String> env) {
        String id = blankToNull(env.get("MICROSOFT_APP_ID"));
        String password = blankToNull(env.get("MICROSOFT_APP_PASSWORD"));
        if (id == null && password == null) {
            return Optional.empty();
        }
        if (id == null || password == null) {
            throw new IllegalArgumentException("Teams needs both MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (only "
                    + (id == null ? "MICROSOFT_APP_PASSWORD" : "MICROSOFT_APP_ID") + " is set)");
        }
        Optional<String> tenant = Optional.ofNullable(blankToNull(env.get("MICROSOFT_APP_TENANT_ID")));
        return Optional.of(new TeamsConfig(id, password, tenant,
                url(env, "TEAMS_OPENID_METADATA_URL", BOT_FRAMEWORK_OPENID_METADATA),
                url(env, "TEAMS_TOKEN_URL", defaultTokenUrl(tenant).toString()),
                url(env, "TEAMS_SERVICE_URL", TEAMS_GLOBAL_SERVICE_URL)));
    }

    public boolean singleTenant() {
        return tenantId.isPresent();
    }

    /** The password is a secret: it must not reach a log through a record's default toString. */
    @Override
    public String toString() {
        return "TeamsConfig[appId=" + appId + ", tenant=" + tenantId.orElse("(multi-tenant)") + ", openIdMetadataUrl="
                + openIdMetadataUrl + ", tokenUrl=" + tokenUrl + ", serviceUrl=" + serviceUrl + ", appPassword=<hidden>]";
    }

    private static URI url(Map<String, String> env, String name, String fallback) {
        String v = blankToNull(env.get(name));
        String value = v == null ? fallback : v.strip();
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: '" + value + "'");
        }
        if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(name + " must be an https URL, not '" + value + "'");
        }
        // Plain http would let anyone on the path swap the signing keys or read the bot's secret:
        // only a local fake (tests, a developer's tunnel end) may use it.
        if ("http".equals(uri.getScheme()) && !loopback(uri.getHost())) {
            throw new IllegalArgumentException(name + " must use https (plain http only for localhost), not '" + value + "'");
        }
        return uri;
    }

    private static boolean loopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
