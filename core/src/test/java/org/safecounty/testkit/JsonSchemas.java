package org.safecounty.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of the project's JSON Schemas ({@code rules/schema/*.schema.json}, draft 2020-12) and what it
 * says about a file, the way an editor would: formats such as {@code date} are asserted too.
 */
public final class JsonSchemas {

    /** Where the rules jar carries the schemas: {@code safecounty/schema/<name>}. */
    public static final String RULES_JAR = "safecounty/schema/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                    .locale(Locale.ENGLISH).build()));

    private final String name;
    private final Schema schema;

    private JsonSchemas(String name, Schema schema) {
        this.name = name;
        this.schema = schema;
    }

    /** The schema at a classpath resource, e.g. {@code safecounty/schema/pack.schema.json}. */
    public static JsonSchemas fromClasspath(String resource) {
        try (InputStream in = JsonSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema on the classpath at " + resource);
            }
            return new JsonSchemas(resource, REGISTRY.getSchema(in, InputFormat.JSON));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema the rules jar carries under this name, e.g. {@code pack.schema.json}. */
    public static JsonSchemas bundled(String name) {
        return fromClasspath(RULES_JAR + name);
    }

    /**
     * What is wrong with a YAML file of a pack ({@code pack.yaml}, {@code parameters.yaml} or
     * {@code tests/*.yaml}) for an editor: its first line names its schema by the path from the
     * file's folder to {@code schemaDir} ({@code # yaml-language-server: $schema=…}), and it passes
     * that schema. Empty when nothing is.
     */
    public static List<String> packFile(Path file, Path schemaDir) throws IOException {
        String name = file.getFileName().toString();
        String schema = name.equals("pack.yaml") ? "pack.schema.json"
                : name.equals("parameters.yaml") ? "parameters.schema.json" : "tests.schema.json";
        Path folder = file.toAbsolutePath().normalize().getParent();
        String path = folder.relativize(schemaDir.toAbsolutePath().normalize().resolve(schema)).toString()
                .replace('\\', '/');
        String text = Files.readString(file);
        String want = "# yaml-language-server: $schema=" + path;
        String first = text.lines().findFirst().orElse("");
        List<String> problems = new ArrayList<>();
        if (!first.equals(want)) {
            problems.add(file + ": the first line should be \"" + want + "\", not \"" + first + "\"");
        }
        bundled(schema).yaml(text).forEach(p -> problems.add(file + ": " + p));
        return problems;
    }

    /** What the schema finds wrong with a YAML text: one line each, empty when nothing is. */
    public List<String> yaml(String text) {
        return problems(text, InputFormat.YAML);
    }

    /** What the schema finds wrong with a JSON text: one line each, empty when nothing is. */
    public List<String> json(String text) {
        return problems(text, InputFormat.JSON);
    }

    private List<String> problems(String text, InputFormat format) {
        return schema.validate(text, format).stream().map(Error::toString).toList();
    }

    /** What the draft 2020-12 meta-schema finds wrong with this schema itself. */
    public List<String> againstMetaSchema() {
        Schema meta = REGISTRY.getSchema(com.networknt.schema.SchemaLocation.of(SpecificationVersion.DRAFT_2020_12
                .getDialectId()));
        return meta.validate(schema.getSchemaNode()).stream().map(Error::toString).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
