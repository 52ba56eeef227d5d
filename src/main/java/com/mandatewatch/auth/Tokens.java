package com.mandatewatch.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed, expiring bearer tokens: {@code base64url(username|role|expiresEpochSecond|stamp).base64url(HMAC-SHA256)}.
 * The key is kept in the database so tokens survive a restart and work on every instance. The stamp is a digest of
 * the user's password hash when the token was issued: a new password changes it, so the tokens issued before no
 * longer match the user row (checked on every request) and stop working.
 */
public final class Tokens {
    private final byte[] key;
    private final Duration ttl;
    private final Clock clock;

    public Tokens(byte[] key, Duration ttl, Clock clock) {
        this.key = key.clone();
        this.ttl = ttl;
        this.clock = clock;
    }

    public record Claims(String username, Role role, long expiresAt, String stamp) {
    }

    /** {@code secret}: the user's password hash and session epoch ({@code UserStore.Credentials.tokenSecret}). */
    public String issue(String username, Role role, String secret) {
        long exp = clock.instant().plus(ttl).getEpochSecond();
        String payload = enc((username + "|" + role.name() + "|" + exp + "|" + stamp(secret)).getBytes(StandardCharsets.UTF_8));
        return payload + "." + enc(sign(payload));
    }

    /** A short digest of a password hash (and epoch): enough to tell that it changed, nothing to learn it from. */
    public static String stamp(String secret) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return enc(java.util.Arrays.copyOf(d, 9));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<Claims> verify(String token) {
        if (token == null) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot <= 0) return Optional.empty();
        String payload = token.substring(0, dot);
        try {
            byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sig, sign(payload))) return Optional.empty();
            String[] parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 4) return Optional.empty();
            long exp = Long.parseLong(parts[2]);
            if (exp < clock.instant().getEpochSecond()) return Optional.empty();
            return Optional.of(new Claims(parts[0], Role.valueOf(parts[1]), exp, parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(byte[] b) { return Base64.getUrlEncoder().withoutPadding().encodeToString(b); }
}
