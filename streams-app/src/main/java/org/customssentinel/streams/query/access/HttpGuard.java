package org.customssentinel.streams.query.access;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.javalin.http.Context;

/**
 * What every request to the query API passes first: security headers on every answer; GET only but for one write,
 * a verdict on an alert (POST {@code /api/alerts/{id}/disposition}), which exists only with users configured; CORS for
 * the one configured origin only, and for reading only; with users configured, a login (HTTP Basic or a bearer token)
 * everywhere but {@code /api/health}, which load balancers and the fault tests poll without credentials and which
 * tells nothing about declarations.
 *
 * <p>A write must come from the API's own origin (its {@code Origin}, when a browser sends one, names this server),
 * carry a small JSON body, and, when logged in with a password (which a browser resends by itself), the
 * {@link CsrfToken}. Whether the user may write at all is the handler's to check.
 */
public final class HttpGuard {

    /** Scripts and styles from the app's own files only: the dashboard has no inline script, so none may run. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    public static final String OPEN_PATH = "/api/health";
    /** The one path that takes a POST. */
    public static final Pattern WRITE_PATH = Pattern.compile("/api/alerts/[^/]+/disposition");
    public static final String USER_ATTRIBUTE = "sentinel.user";
    /** The largest body a write may have. */
    public static final int MAX_WRITE_BODY = 4_096;

    private final HttpSecurity security;

    public HttpGuard(HttpSecurity security) {
        this.security = security;
    }

    /** Runs before every handler; an answer it gives ends the request. */
    public void check(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        security.tls().ifPresent(tls -> ctx.header("Strict-Transport-Security", "max-age=31536000"));
        Optional<String> allowedOrigin = security.corsOrigin().filter(origin -> origin.equals(ctx.header("Origin")));
        allowedOrigin.ifPresent(origin -> {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Vary", "Origin");
        });
        String method = ctx.req().getMethod();
        boolean write = method.equals("POST") && WRITE_PATH.matcher(ctx.path()).matches();
        if (method.equals("OPTIONS") && allowedOrigin.isPresent()) {
            ctx.header("Access-Control-Allow-Methods", "GET");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Accept");
            ctx.header("Access-Control-Max-Age", "600");
            stop(ctx, 204, null);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD") && !write) {
            ctx.header("Allow", "GET, HEAD");
            stop(ctx, 405, "the query API is read-only but for POST /api/alerts/{id}/disposition: GET only here");
            return;
        }
        if (write && security.users().isEmpty()) {
            ctx.header("Allow", "GET, HEAD");
            stop(ctx, 405, "the query API is read-only without --http-auth: a verdict needs a user who logs in");
            return;
        }
        if (!write && (ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null)) {
            stop(ctx, 413, "the query API takes no request body here");
            return;
        }
        if (write && !isWellFormedWrite(ctx)) {
            return;
        }
        if (security.users().isPresent() && !ctx.path().equals(OPEN_PATH)) {
            Optional<String> user = security.users().get().authenticate(ctx.header("Authorization"));
            if (user.isEmpty()) {
                ctx.header("WWW-Authenticate", "Basic realm=\"Customs Sentinel\", charset=\"UTF-8\"");
                stop(ctx, 401, "log in: HTTP Basic or Authorization: Bearer TOKEN (users of --http-auth)");
                return;
            }
            ctx.attribute(USER_ATTRIBUTE, user.get());
            String authorization = ctx.header("Authorization");
            if (write && authorization.regionMatches(true, 0, "Basic ", 0, 6) && !CsrfToken.verify(ctx)) {
                stop(ctx, 403, "a write logged in with a password needs the " + CsrfToken.HEADER + " header repeating the "
                        + CsrfToken.COOKIE + " cookie from GET /api/me (or log in with a bearer token)");
            }
        }
    }

    /** Same origin, a JSON body of bounded length; answers and returns false when not. */
    private boolean isWellFormedWrite(Context ctx) {
        String origin = ctx.header("Origin");
        String ownOrigin = security.scheme() + "://" + ctx.header("Host");
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin)) {
            stop(ctx, 403, "cross-origin write refused: verdicts are given from this server's own pages or without a browser");
            return false;
        }
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            stop(ctx, 403, "cross-site write refused (Sec-Fetch-Site)");
            return false;
        }
        long length = ctx.req().getContentLengthLong();
        if (length < 0 || ctx.header("Transfer-Encoding") != null) {
            stop(ctx, 411, "a verdict needs a Content-Length");
            return false;
        }
        if (length > MAX_WRITE_BODY) {
            stop(ctx, 413, "a verdict's body may have at most " + MAX_WRITE_BODY + " bytes");
            return false;
        }
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            stop(ctx, 415, "a verdict is a JSON body: Content-Type: application/json");
            return false;
        }
        return true;
    }

    private static void stop(Context ctx, int status, String message) {
        ctx.status(status);
        if (message != null) {
            ctx.contentType("application/json").result("{\"status\":" + status + ",\"error\":\"" + message + "\"}");
        }
        ctx.skipRemainingHandlers();
    }
}
