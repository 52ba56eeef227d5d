package com.mandatewatch.demo;

/**
 * One user of the demo data set. {@code role} is the name of a role of SPEC §1 ({@code CLIENT_MANAGER},
 * {@code SALES_LEAD}, {@code MARKETING_MANAGER}, {@code RECORDS_CUSTODIAN}, {@code TRADING}, {@code FINANCE},
 * {@code COMPLIANCE}, {@code OPS}); e-mail addresses are all at {@code example.com}.
 */
public record DemoUser(String username, String name, String role, String email) {
}
