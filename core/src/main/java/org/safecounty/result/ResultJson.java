package org.safecounty.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes results in the exchange format's JSON. The same result always gives the same bytes:
 * fields in a fixed order, dates as {@code yyyy-MM-dd}, scores with at least one decimal
 * ({@code 93.5}, {@code 6.0}), maxima as written in the catalogue ({@code 3}), two-space
 * indentation and {@code \n} line ends. One instance may be shared by threads.
 */
public final class ResultJson {

    private final ObjectMapper mapper;
    private final ObjectWriter line;

    public ResultJson() {
        SimpleModule scores = new SimpleModule("safecounty-scores");
        scores.addSerializer(BigDecimal.class, new ScoreSerializer());
        scores.addSerializer(LocalDate.class, ToStringSerializer.instance);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        mapper = JsonMapper.builder()
                .addModule(scores)
                .addMixIn(TaskScore.class, TaskScoreMixin.class)
                .addMixIn(IndicatorResult.class, IndicatorMixin.class)
                .addMixIn(BonusResult.class, BonusMixin.class)
                .addMixIn(VetoResult.class, VetoMixin.class)
                .addMixIn(VetoCheck.class, VetoCheckMixin.class)
                .addMixIn(ParameterUse.class, ParameterUseMixin.class)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .defaultPrettyPrinter(printer)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        line = mapper.writer().without(SerializationFeature.INDENT_OUTPUT);
    }

    /** One result as a JSON object. */
    public String write(AssessmentResult result) {
        return write((Object) result);
    }

    /** The command line's array: one element per file, a result or its errors. */
    public String writeBatch(List<Map.Entry<String, Outcome>> outcomes) {
        List<Map<String, Object>> array = outcomes.stream().map(e -> element(e.getKey(), e.getValue())).toList();
        return write(array);
    }

    /**
     * One line of the command line's JSON Lines: the element {@link #writeBatch} writes for the
     * same source and outcome, without indentation and ended by {@code \n}. JSON escapes every line
     * break inside strings, so the line never contains another.
     */
    public String writeLine(String source, Outcome outcome) {
        try {
            return line.writeValueAsString(element(source, outcome)) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The problems of a rejected submission as the exchange format's {@code errors}. */
    public static List<Map<String, String>> errors(List<Problem> problems) {
        return problems.stream().map(p -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("path", p.path());
            m.put("code", p.code());
            m.put("message", p.message());
            m.put("zh", p.zh());
            m.put("en", p.en());
            return m;
        }).toList();
    }

    private static Map<String, Object> element(String file, Outcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file);
        if (outcome instanceof Outcome.Assessed a) {
            m.put("result", a.result());
        } else if (outcome instanceof Outcome.Rejected r) {
            m.put("errors", errors(r.problems()));
        }
        return m;
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A score: exact, with at least one decimal. */
    static final class ScoreSerializer extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            BigDecimal s = value.stripTrailingZeros();
            gen.writeNumber(s.scale() < 1 ? s.setScale(1).toPlainString() : s.toPlainString());
        }
    }

    /** A maximum: as the catalogue writes it, without a trailing {@code .0}. */
    static final class MaxSerializer extends JsonSerializer<BigDecimal> {
        @Override
        public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            BigDecimal s = value.stripTrailingZeros();
            gen.writeNumber(s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString());
        }
    }

    /** A parameter's value: a number as the pack writes it ({@code 4}, {@code 0.6}), else as it is. */
    static final class ParameterValueSerializer extends JsonSerializer<Object> {
        @Override
        public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value instanceof BigDecimal d) {
                new MaxSerializer().serialize(d, gen, provider);
            } else {
                provider.defaultSerializeValue(value, gen);
            }
        }
    }

    abstract static class ParameterUseMixin {
        @JsonSerialize(using = ParameterValueSerializer.class)
        abstract Object value();
    }

    abstract static class TaskScoreMixin {
        @JsonSerialize(using = MaxSerializer.class)
        abstract BigDecimal max();
    }

    /**
     * An explanation is written as its text in Chinese and in English, rendered now from the steps
     * the result keeps; the steps themselves are not part of the exchange format.
     */
    abstract static class ExplainedMixin {
        @JsonIgnore
        abstract List<ExplanationStep> steps();

        @JsonProperty("explanation")
        abstract String explanation();

        @JsonProperty("explanationEn")
        abstract String explanationEn();
    }

    @JsonPropertyOrder({"id", "task", "score", "max", "status", "keyItem", "evidence", "missingKeys", "rule",
            "explanation", "explanationEn", "parameters", "documents"})
    abstract static class IndicatorMixin extends ExplainedMixin {
        @JsonSerialize(using = MaxSerializer.class)
        abstract BigDecimal max();
    }

    @JsonPropertyOrder({"id", "score", "evidence", "rule", "explanation", "explanationEn", "parameters", "documents"})
    abstract static class BonusMixin extends ExplainedMixin {
    }

    @JsonPropertyOrder({"id", "evidence", "rule", "explanation", "explanationEn", "parameters", "documents"})
    abstract static class VetoMixin extends ExplainedMixin {
    }

    @JsonPropertyOrder({"id", "state", "evidence", "rule", "explanation", "explanationEn", "parameters", "documents"})
    abstract static class VetoCheckMixin extends ExplainedMixin {
    }
}
