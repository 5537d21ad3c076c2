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
