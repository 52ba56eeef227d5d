package com.mandatewatch.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Long-lived API tokens for feed producers: {@code mwf_} + 256 random bits (base64url). The prefix tells them from
 * the signed login tokens (which contain a dot) without a database look-up; the store keeps only the SHA-256, which
 * is enough for a random 256-bit secret (no salt or slow hash needed: there is nothing to guess from a dictionary).
 */
public final class ApiTokens {
    public static final String PREFIX = "mwf_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokens() {
    }

    public static String generate() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static boolean looksLike(String token) { return token != null && token.startsWith(PREFIX); }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
