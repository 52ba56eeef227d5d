package com.mandatewatch.config;

/** A setting is missing or invalid; the message names the key so start-up can say what to fix. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) { super(message); }
}
