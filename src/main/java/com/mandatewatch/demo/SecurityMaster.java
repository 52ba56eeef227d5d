package com.mandatewatch.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code /data/security_master.csv} (the 2015 CSI 300 list: names, full names, total shares). */
final class SecurityMaster {
    static final String RESOURCE = "/data/security_master.csv";

    record Row(String code, String name, String fullname, String industry, long totalShares) {}

    private SecurityMaster() {}

    static Map<String, Row> load() {
        InputStream raw = SecurityMaster.class.getResourceAsStream(RESOURCE);
        if (raw == null) throw new IllegalStateException("missing classpath resource " + RESOURCE);
        Map<String, Row> rows = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (header != null && header.startsWith("\uFEFF")) header = header.substring(1);
            if (header == null || !header.equals(
                    "ts_code,symbol,exchange,name,fullname,industry,list_date,total_shares_10k,total_shares")) {
                throw new IllegalStateException(RESOURCE + ": unexpected header " + header);
            }
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                long total = f[8].isBlank() ? 0 : Long.parseLong(f[8].trim());
                rows.put(f[0], new Row(f[0], f[3], f[4], f[5], total));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return rows;
    }
}
