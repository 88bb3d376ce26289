package dev.rnnlab.engine.bptt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A PyTorch float64 fixture made by {@code make_golden.py} (format: shared/golden/README.md). */
record GoldenFixture(String name, JsonNode root) {

    static GoldenFixture load(String resource) {
        try (InputStream in = GoldenFixture.class.getResourceAsStream("/golden/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /golden/" + resource);
            }
            return new GoldenFixture(resource, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode meta() {
        return root.get("meta");
    }

    int metaInt(String key) {
        return meta().get(key).asInt();
    }

    double scalar(String key) {
        return root.get(key).asDouble();
    }

    /** A flat array: either {@code {shape, values}} or a bare JSON list (of lists). */
    double[] array(JsonNode node) {
        JsonNode values = node.has("values") ? node.get("values") : node;
        java.util.List<Double> out = new java.util.ArrayList<>();
        flatten(values, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    double[] array(String key) {
        return array(root.get(key));
    }

    /** Named tensors of a list of {@code {name, shape, values}}, in file order. */
    static Map<String, double[]> named(GoldenFixture f, JsonNode list) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (JsonNode p : list) {
            out.put(p.get("name").asText(), f.array(p));
        }
        return out;
    }

    private static void flatten(JsonNode n, java.util.List<Double> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add(n.asDouble());
        }
    }
}
