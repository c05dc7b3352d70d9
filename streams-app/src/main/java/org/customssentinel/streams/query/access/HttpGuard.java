package org.customssentinel.streams.query.access;

import java.util.Optional;

import io.javalin.http.Context;

/**
 * What every request to the query API passes first: security headers on every answer, GET only (the API is
 * read-only: other methods 405, bodies 413), CORS for the one configured origin only, and, with users configured,
 * a login (HTTP Basic or a bearer token) everywhere but {@code /api/health}, which load balancers and the fault tests
 * poll without credentials and which tells nothing about declarations.
 */
public final class HttpGuard {

    /** Scripts and styles from the app's own files only: the dashboard has no inline script, so none may run. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    public static final String OPEN_PATH = "/api/health";

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
        if (method.equals("OPTIONS") && allowedOrigin.isPresent()) {
            ctx.header("Access-Control-Allow-Methods", "GET");
            ctx.header("Access-Control-Allow-Headers", "Authorization, Accept");
            ctx.header("Access-Control-Max-Age", "600");
            stop(ctx, 204, null);
            return;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ctx.header("Allow", "GET, HEAD");
            stop(ctx, 405, "the query API is read-only: GET only");
            return;
        }
        if (ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null) {
            stop(ctx, 413, "the query API takes no request body");
            return;
        }
        if (security.users().isPresent() && !ctx.path().equals(OPEN_PATH)) {
            Optional<String> user = security.users().get().authenticate(ctx.header("Authorization"));
            if (user.isEmpty()) {
                ctx.header("WWW-Authenticate", "Basic realm=\"Customs Sentinel\", charset=\"UTF-8\"");
                stop(ctx, 401, "log in: HTTP Basic or Authorization: Bearer TOKEN (users of --http-auth)");
                return;
            }
            ctx.attribute("sentinel.user", user.get());
        }
    }

    private static void stop(Context ctx, int status, String message) {
        ctx.status(status);
        if (message != null) {
            ctx.contentType("application/json").result("{\"status\":" + status + ",\"error\":\"" + message + "\"}");
        }
        ctx.skipRemainingHandlers();
    }
}
