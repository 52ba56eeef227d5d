package com.mandatewatch.auth;

/** A person (or feed producer) who may sign in; the password hash never leaves the store. */
public record User(String username, String name, Role role, String email, boolean active) {
}
