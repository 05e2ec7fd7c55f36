package dev.locmem.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Just enough JSON output for the measurement mains: maps, lists, strings and numbers. */
final class Json {

    private Json() {
    }

    static void write(String path, Object value) throws IOException {
        Path file = Path.of(path);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, render(value) + "\n");
        System.out.println("wrote " + file.toAbsolutePath());
    }

    static String render(Object value) {
        StringBuilder out = new StringBuilder();
        render(value, out);
        return out.toString();
    }

    private static void render(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        }
        else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ", ");
                first = false;
                render(String.valueOf(entry.getKey()), out);
                out.append(": ");
                render(entry.getValue(), out);
            }
            out.append('}');
        }
        else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                render(list.get(i), out);
            }
            out.append(']');
        }
        else if (value instanceof Double || value instanceof Float) {
            out.append(String.format(Locale.ROOT, "%.6g", ((Number) value).doubleValue()));
        }
        else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        }
        else {
            out.append('"').append(String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
    }
}
