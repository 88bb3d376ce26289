package dev.rnnlab.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Short forms of swept keys and values for legends, tables and sentences: a key by its last segment
 * ({@code training.optimizer.lr} as {@code lr}) unless two keys share it, a mapping value by its kind and
 * the values after it ({@code {kind: global_norm, max_norm: 1.0}} as {@code global_norm(1.0)}), and a label
 * by only the keys whose values differ between the things labelled. The page shows the full text on hover.
 */
final class Labels {

    private Labels() {}

    /** Each axis's short name: its last segment, or the whole path where two axes end alike. */
    static Map<String, String> axisNames(List<String> axes) {
        Map<String, Integer> uses = new LinkedHashMap<>();
        axes.forEach(a -> uses.merge(last(a), 1, Integer::sum));
        Map<String, String> names = new LinkedHashMap<>();
        axes.forEach(a -> names.put(a, uses.get(last(a)) > 1 ? a : last(a)));
        return names;
    }

    /** A swept value as written in the plan, shortened: {@code {kind: none}} as {@code none}. */
    static String value(String v) {
        String s = v.strip();
        if (!s.startsWith("{") || !s.endsWith("}")) {
            return s;
        }
        String kind = null;
        List<String> rest = new ArrayList<>();
        for (String entry : topLevel(s.substring(1, s.length() - 1))) {
            int colon = entry.indexOf(':');
            String key = colon < 0 ? entry.strip() : entry.substring(0, colon).strip();
            String val = colon < 0 ? "" : entry.substring(colon + 1).strip();
            if (key.equals("kind") && kind == null) {
                kind = val;
            } else {
                rest.add(kind == null ? key + "=" + value(val) : value(val));
            }
        }
        if (kind == null) {
            return String.join(", ", rest);
        }
        return rest.isEmpty() ? kind : kind + "(" + String.join(", ", rest) + ")";
    }

    /** The axes, in order, on which the given swept maps do not all agree. */
    static List<String> varying(List<String> axes, List<Map<String, String>> swept) {
        List<String> out = new ArrayList<>();
        for (String a : axes) {
            Set<String> seen = new LinkedHashSet<>();
            swept.forEach(m -> seen.add(m.getOrDefault(a, "")));
            if (seen.size() > 1) {
                out.add(a);
            }
        }
        return out;
    }

    /** "lr=0.1, clipping=none" over {@code axes}; {@code fallback} when there are none. */
    static String of(Map<String, String> swept, List<String> axes, Map<String, String> names, String fallback) {
        List<String> parts = new ArrayList<>();
        for (String a : axes) {
            parts.add(names.getOrDefault(a, a) + "=" + value(swept.getOrDefault(a, "")));
        }
        return parts.isEmpty() ? fallback : String.join(", ", parts);
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** Splits a flow mapping's inside at commas outside brackets and quotes. */
    private static List<String> topLevel(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            parts.add(s.substring(start));
        }
        return parts;
    }
}
