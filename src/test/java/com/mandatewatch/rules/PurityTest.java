package com.mandatewatch.rules;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guards the promises of the rules package: no clock, no Vert.x, no binary floating point anywhere. */
class PurityTest {
    private static final Path SOURCES = Path.of("src/main/java/com/mandatewatch/rules");
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\bdouble\\b|\\bfloat\\b|\\bDouble\\b|\\bFloat\\b|\\.now\\(|io\\.vertx|\\bClock\\b|currentTimeMillis|nanoTime"
                    + "|ZoneId\\.systemDefault|TimeZone\\.getDefault");

    @Test
    void rulesSourcesAreFreeOfClocksVertxAndFloatingPoint() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the project base directory");
        List<String> hits = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (FORBIDDEN.matcher(lines.get(i)).find()) {
                        hits.add(f.getFileName() + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertEquals(List.of(), hits);
    }
}
