package com.mandatewatch.report;

import com.mandatewatch.config.ConfigException;
import com.mandatewatch.domain.ClientNature;
import com.mandatewatch.domain.ContractType;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.regex.Pattern;

/**
 * Reads and validates conf/classification.yaml. Every problem names the key it is about (e.g.
 * {@code size.classes.B.min}), so that a bad edit stops start-up with a message the operator can act on.
 */
public final class ClassSchemeLoader {
    private static final Pattern COLOUR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Set<String> DIMENSION_KEYS = Set.of("label", "classes");

    private final String source;

    private ClassSchemeLoader(String source) {
        this.source = source;
    }

    public static ClassScheme fromClasspath(String resource) {
        try (InputStream in = ClassSchemeLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new ConfigException(resource + " is missing from the classpath");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses the YAML text; {@code source} only names the file in messages. */
    public static ClassScheme parse(String yamlText, String source) {
        Object root;
        try {
            root = exactYaml().load(yamlText);
        } catch (RuntimeException e) {
            throw new ConfigException(source + ": not valid YAML: " + e.getMessage());
        }
        return new ClassSchemeLoader(source).build(root instanceof Map<?, ?> m ? m : Map.of());
    }

    /**
     * YAML that resolves every scalar as a string: SnakeYAML would otherwise read 0.08 as a double, and a threshold
     * compared with money must be the exact decimal that was written.
     */
    static Yaml exactYaml() {
        Resolver stringsOnly = new Resolver() {
            @Override
            protected void addImplicitResolvers() {
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
                addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
            }
        };
        LoaderOptions loader = new LoaderOptions();
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader, stringsOnly);
    }

    private ClassScheme build(Map<?, ?> root) {
        Set<String> known = new HashSet<>();
        for (Dimension d : Dimension.values()) known.add(d.key());
        unknownKeys(root, known, "");
        Map<Dimension, String> labels = new EnumMap<>(Dimension.class);
        Map<Dimension, Map<Grade, ClassScheme.Style>> styles = new EnumMap<>(Dimension.class);
        Map<Grade, BigDecimal> sizeMin = new EnumMap<>(Grade.class);
        Map<Grade, BigDecimal> returnMin = new EnumMap<>(Grade.class);
        Map<ClientNature, Grade> nature = new EnumMap<>(ClientNature.class);
        Map<ContractType, Grade> type = new EnumMap<>(ContractType.class);
        for (Dimension d : Dimension.values()) {
            Map<?, ?> dim = map(root, d.key(), d.key());
            unknownKeys(dim, DIMENSION_KEYS, d.key() + ".");
            labels.put(d, text(dim, "label", d.key() + ".label"));
            Map<?, ?> classes = map(dim, "classes", d.key() + ".classes");
            Set<String> gradeKeys = new HashSet<>();
            for (Grade g : Grade.values()) gradeKeys.add(g.name());
            unknownKeys(classes, gradeKeys, d.key() + ".classes.");
            Map<Grade, ClassScheme.Style> dimStyles = new EnumMap<>(Grade.class);
            for (Grade g : Grade.values()) {
                String at = d.key() + ".classes." + g;
                Map<?, ?> cls = map(classes, g.name(), at);
                String criterion = switch (d) {
                    case SIZE, RETURN -> "min";
                    case NATURE -> "nature";
                    case CONTRACT_TYPE -> "type";
                };
                // D is "everything else" for the thresholds: a min there would leave clients in no class
                boolean hasCriterion = !(g == Grade.D && (d == Dimension.SIZE || d == Dimension.RETURN));
                unknownKeys(cls, hasCriterion ? Set.of("label", "colour", criterion) : Set.of("label", "colour"), at + ".");
                String colour = text(cls, "colour", at + ".colour");
                if (!COLOUR.matcher(colour).matches()) fail(at + ".colour must be a colour #RRGGBB, not " + colour);
                dimStyles.put(g, new ClassScheme.Style(text(cls, "label", at + ".label"), colour));
                if (!hasCriterion) continue;
                switch (d) {
                    case SIZE -> sizeMin.put(g, decimal(cls, at + ".min"));
                    case RETURN -> returnMin.put(g, decimal(cls, at + ".min"));
                    case NATURE -> enumList(cls, "nature", at + ".nature", ClientNature.class)
                            .forEach(n -> { if (nature.put(n, g) != null) fail(at + ".nature: " + n + " is in two classes"); });
                    case CONTRACT_TYPE -> enumList(cls, "type", at + ".type", ContractType.class)
                            .forEach(t -> { if (type.put(t, g) != null) fail(at + ".type: " + t + " is in two classes"); });
                }
            }
            styles.put(d, dimStyles);
        }
        decreasing(sizeMin, "size");
        decreasing(returnMin, "return");
        for (ClientNature n : ClientNature.values()) if (!nature.containsKey(n)) fail("nature.classes: no class has nature " + n);
        for (ContractType t : ContractType.values()) if (!type.containsKey(t)) fail("contractType.classes: no class has type " + t);
        return new ClassScheme(sizeMin, returnMin, nature, type, labels, styles);
    }

    /** A ≥ B ≥ C strictly, or a class could never be reached. */
    private void decreasing(Map<Grade, BigDecimal> min, String dim) {
        if (min.get(Grade.B).compareTo(min.get(Grade.A)) >= 0) fail(dim + ".classes.B.min must be below " + dim + ".classes.A.min");
        if (min.get(Grade.C).compareTo(min.get(Grade.B)) >= 0) fail(dim + ".classes.C.min must be below " + dim + ".classes.B.min");
    }

    private void unknownKeys(Map<?, ?> m, Set<String> known, String prefix) {
        for (Object k : m.keySet()) {
            if (!known.contains(String.valueOf(k))) fail(prefix + k + " is not a known setting (expected one of " + new TreeSet<>(known) + ")");
        }
    }

    private Map<?, ?> map(Map<?, ?> parent, String key, String at) {
        Object v = parent.get(key);
        if (v == null) fail(at + " is missing");
        if (!(v instanceof Map<?, ?> m)) throw fail(at + " must be a mapping");
        return m;
    }

    private String text(Map<?, ?> parent, String key, String at) {
        Object v = parent.get(key);
        if (!(v instanceof String s) || s.isBlank()) throw fail(at + " is missing or empty");
        return s.strip();
    }

    private BigDecimal decimal(Map<?, ?> parent, String at) {
        String s = text(parent, "min", at);
        try {
            return new BigDecimal(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw fail(at + " must be a decimal number, not " + s);
        }
    }

    /** One enum name or a list of them. */
    private <E extends Enum<E>> List<E> enumList(Map<?, ?> parent, String key, String at, Class<E> type) {
        Object v = parent.get(key);
        List<?> raw = v instanceof List<?> l ? l : v == null ? List.of() : List.of(v);
        if (raw.isEmpty()) fail(at + " is missing");
        List<E> out = new ArrayList<>();
        for (Object o : raw) {
            try {
                out.add(Enum.valueOf(type, String.valueOf(o).strip()));
            } catch (IllegalArgumentException e) {
                throw fail(at + " must be one of " + Arrays.toString(type.getEnumConstants()) + ", not " + o);
            }
        }
        return out;
    }

    private ConfigException fail(String message) {
        throw new ConfigException(source + ": " + message);
    }
}
