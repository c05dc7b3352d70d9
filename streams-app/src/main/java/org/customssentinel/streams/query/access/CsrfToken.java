package org.customssentinel.streams.query.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import io.javalin.http.Context;

/**
 * The dashboard's defence against cross-site requests, beside the same-origin check: a random token in a cookie
 * (SameSite=Strict, HttpOnly) that the page also sends as a header. The page learns the token from
 * {@code GET /api/me}, which another site's page cannot read; a browser adds the cookie by itself, never the header.
 * A request logged in with a bearer token needs none: a browser never sends one unasked.
 */
public final class CsrfToken {

    public static final String COOKIE = "sentinel_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final int BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final boolean secure;

    public CsrfToken(boolean secure) {
        this.secure = secure;
    }

    /** The request's token if it carries a well-formed one, else a new one; set as the cookie either way. */
    public String issue(Context ctx) {
        String token = cookie(ctx).orElseGet(() -> {
            byte[] bytes = new byte[BYTES];
            random.nextBytes(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        });
        ctx.header("Set-Cookie", COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : ""));
        return token;
    }

    /** Whether the header repeats the cookie. */
    public static boolean verify(Context ctx) {
        Optional<String> cookie = cookie(ctx);
        String header = ctx.header(HEADER);
        return cookie.isPresent() && header != null
                && MessageDigest.isEqual(cookie.get().getBytes(StandardCharsets.US_ASCII), header.strip().getBytes(StandardCharsets.US_ASCII));
    }

    private static Optional<String> cookie(Context ctx) {
        String value = ctx.cookie(COOKIE);
        return value != null && value.matches("[A-Za-z0-9_-]{43}") ? Optional.of(value) : Optional.empty();
    }
}
