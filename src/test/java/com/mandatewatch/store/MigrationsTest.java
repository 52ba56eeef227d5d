package com.mandatewatch.store;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MigrationsTest {
    @Test
    @DisplayName("Every script in db/migration is in the list that is applied, and nothing else: a script left out never runs")
    void everyScriptIsListed() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            assertEquals(files.map(p -> p.getFileName().toString()).sorted().toList(),
                    Migrations.SCRIPTS.stream().sorted().toList());
        }
    }
}
