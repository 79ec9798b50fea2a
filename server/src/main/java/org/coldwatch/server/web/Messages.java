package org.coldwatch.server.web;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The user-facing texts: {@code i18n/messages_zh_CN.properties} (default) and {@code messages_en}, read as UTF-8. */
public final class Messages {
    private final Map<String, JsonObject> bundles = new TreeMap<>();

    public Messages() {
        bundles.put("zh-CN", load("i18n/messages_zh_CN.properties"));
        bundles.put("en", load("i18n/messages_en.properties"));
    }

    /** The bundle for a language tag; Chinese unless English is asked for. */
    public JsonObject bundle(String languageTag) {
        String tag = languageTag == null ? "" : languageTag.toLowerCase(Locale.ROOT);
        return tag.startsWith("en") ? bundles.get("en") : bundles.get("zh-CN");
    }

    private static JsonObject load(String resource) {
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing message bundle " + resource);
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            JsonObject json = new JsonObject();
            new TreeMap<>(properties).forEach((k, v) -> json.put((String) k, v));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
