package org.coldwatch.gateway.config;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.coldwatch.gateway.alarm.AlarmSettings;
import org.coldwatch.gateway.health.HealthSettings;
import org.coldwatch.protocol.ReadingKind;
import org.coldwatch.protocol.settings.AlarmRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the YAML file onto {@link GatewayConfig.Builder}: keys present in the file replace the builder's defaults,
 * then environment variables replace the file. Unknown keys and wrong types are errors naming the key.
 */
final class YamlConfigReader {
    private static final Logger LOG = LoggerFactory.getLogger(YamlConfigReader.class);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Where provisioned credentials live unless {@code gateway.credentialsFile} says otherwise: beside the file. */
    static final String DEFAULT_CREDENTIALS_FILE = "credentials.yaml";

    private YamlConfigReader() {
    }

    static GatewayConfig read(Path file, Map<String, String> env) {
        FileModel model = parse(file, FileModel.class);
        if (model == null) {
            model = new FileModel();
        }
        model.fillEmptySections();
        GatewayConfig.Builder b = GatewayConfig.builder(null, null);
        set(model.gateway.id, b::id);
        set(model.gateway.secret, b::secret);
        set(model.uplink.serverUri, b::serverUri);
        set(model.uplink.keepAliveSeconds, b::keepAliveSeconds);
        set(model.uplink.inflight, b::inflight);
        set(model.uplink.backoffInitialMillis, b::backoffInitialMillis);
        set(model.uplink.backoffMaxMillis, b::backoffMaxMillis);
        set(model.outbox.path, p -> b.outboxPath(Path.of(p)));
        set(model.outbox.maxReadingsPerBatch, b::maxReadingsPerBatch);
        set(model.sampling.intervalMillis, b::samplingIntervalMillis);
        b.outboxLimits(model.outbox.limits(b.outboxLimits()));
        b.sensors(SensorEntry.specs(model.sensors));
        Path credentials = credentialsFile(file, model.gateway.credentialsFile);
        if (Files.exists(credentials)) {
            applyCredentials(credentials, b);
        }
        try {
            b.alarm(model.alarm.toSettings());
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
        b.health(model.health.toSettings());
        override(env, GatewayConfig.ENV_ID, "gateway.id", b::id);
        override(env, GatewayConfig.ENV_SECRET, "gateway.secret", b::secret);
        override(env, GatewayConfig.ENV_SERVER_URI, "uplink.serverUri", b::serverUri);
        override(env, GatewayConfig.ENV_OUTBOX_PATH, "outbox.path", p -> b.outboxPath(Path.of(p)));
        try {
            b.coap(model.coap.toSettings(CoapSettings.defaults()));
            return b.build();
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage(), e);
        }
    }

    /** The credentials file named by {@code gateway.credentialsFile} of {@code file}, resolved against its folder. */
    static Path credentialsFile(Path file) {
        FileModel model = parse(file, FileModel.class);
        return credentialsFile(file, model == null || model.gateway == null ? null : model.gateway.credentialsFile);
    }

    private static Path credentialsFile(Path file, String configured) {
        Path folder = file.toAbsolutePath().getParent();
        return folder.resolve(configured == null || configured.isBlank() ? DEFAULT_CREDENTIALS_FILE : configured);
    }

    /** Provisioned credentials replace the main file's identity and server; the environment still wins. */
    private static void applyCredentials(Path credentials, GatewayConfig.Builder b) {
        CredentialsModel model = parse(credentials, CredentialsModel.class);
        if (model == null || model.gateway == null || model.uplink == null) {
            throw new ConfigException(credentials + ": needs gateway.id, gateway.secret and uplink.serverUri"
                    + " (run coldwatch-gateway provision again)");
        }
        set(model.gateway.id, b::id);
        set(model.gateway.secret, b::secret);
        set(model.uplink.serverUri, b::serverUri);
        LOG.info("config: gateway.id, gateway.secret and uplink.serverUri taken from provisioned credentials {}",
                credentials);
    }

    private static <T> T parse(Path file, Class<T> shape) {
        try {
            return YAML.readValue(Files.readAllBytes(file), shape);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new ConfigException(file + ": " + path(e) + ": unknown key (known here: " + known + ")", e);
        } catch (JsonMappingException e) {
            throw new ConfigException(file + ": " + path(e) + ": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static <T> void set(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static void override(Map<String, String> env, String variable, String key, Consumer<String> setter) {
        String value = env.get(variable);
        if (value != null && !value.isEmpty()) {
            LOG.info("config: {} taken from environment variable {}", key, variable);
            setter.accept(value);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** The file's shape; null means "not in the file, keep the default". */
    static final class FileModel {
        public GatewaySection gateway = new GatewaySection();
        public UplinkSection uplink = new UplinkSection();
        public OutboxSection outbox = new OutboxSection();
        public SamplingSection sampling = new SamplingSection();
        public List<SensorEntry> sensors = new ArrayList<>();
        public CoapSection coap = new CoapSection();
        public AlarmSection alarm = new AlarmSection();
        public HealthSection health = new HealthSection();

        /** A section written as {@code uplink:} with nothing under it arrives as null. */
        void fillEmptySections() {
            gateway = gateway == null ? new GatewaySection() : gateway;
            uplink = uplink == null ? new UplinkSection() : uplink;
            outbox = outbox == null ? new OutboxSection() : outbox;
            sampling = sampling == null ? new SamplingSection() : sampling;
            sensors = sensors == null ? new ArrayList<>() : sensors;
            coap = coap == null ? new CoapSection() : coap;
            alarm = alarm == null ? new AlarmSection() : alarm;
            health = health == null ? new HealthSection() : health;
        }
    }

    static final class GatewaySection {
        public String id;
        public String secret;
        public String credentialsFile;
    }

    /** The shape of the file {@code coldwatch-gateway provision} writes. */
    static final class CredentialsModel {
        public CredentialsGateway gateway;
        public CredentialsUplink uplink;
    }

    static final class CredentialsGateway {
        public String id;
        public String secret;
    }

    static final class CredentialsUplink {
        public String serverUri;
    }

    static final class UplinkSection {
        public String serverUri;
        public Integer keepAliveSeconds;
        public Integer inflight;
        public Long backoffInitialMillis;
        public Long backoffMaxMillis;
    }

    static final class OutboxSection {
        public String path;
        public Integer maxReadingsPerBatch;
        public Long maxBytes;
        public Long minFreeDiskBytes;
        public String fullPolicy;
        public Integer thinToOnePerMinutes;

        /** {@code defaults} with the keys present in the file replaced. */
        OutboxLimits limits(OutboxLimits defaults) {
            OutboxLimits.FullPolicy policy = defaults.fullPolicy();
            if (fullPolicy != null) {
                policy = OutboxLimits.FullPolicy.fromConfigName(fullPolicy).orElseThrow(() -> new ConfigException(
                        "outbox.fullPolicy: must be one of thin-oldest, refuse-new, was '" + fullPolicy + "'"));
            }
            return new OutboxLimits(maxBytes != null ? maxBytes : defaults.maxBytes(),
                    minFreeDiskBytes != null ? minFreeDiskBytes : defaults.minFreeDiskBytes(), policy,
                    thinToOnePerMinutes != null ? thinToOnePerMinutes : defaults.thinToOnePerMinutes());
        }
    }

    static final class SamplingSection {
        public Long intervalMillis;
    }

    /** One item of {@code sensors:}: id, kind and room by name, every other key a parameter for the kind. */
    static final class SensorEntry {
        public String id;
        public String kind;
        public String room;
        private final Map<String, Object> params = new LinkedHashMap<>();

        @JsonAnySetter
        void param(String key, Object value) {
            params.put(key, value);
        }

        static List<SensorSpec> specs(List<SensorEntry> entries) {
            List<SensorSpec> specs = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                SensorEntry e = entries.get(i);
                if (e == null) {
                    throw new ConfigException("sensors[" + i + "]: empty entry (needs at least id and kind)");
                }
                specs.add(new SensorSpec(i, e.id, e.kind, e.room, e.params));
            }
            return specs;
        }
    }

    static final class CoapSection {
        public Boolean enabled;
        public String bind;
        public Integer port;
        public Integer dtlsPort;
        public Integer maxPayloadBytes;
        public List<NodeEntry> nodes;

        /** {@code defaults} with the keys present in the file replaced. */
        CoapSettings toSettings(CoapSettings defaults) {
            List<CoapNode> known = nodes == null ? defaults.nodes()
                    : nodes.stream().map(n -> n == null ? null : new CoapNode(n.id, n.psk, n.sensors)).toList();
            return new CoapSettings(enabled != null ? enabled : defaults.enabled(),
                    bind != null ? bind : defaults.bind(), port != null ? port : defaults.port(),
                    dtlsPort != null ? dtlsPort : defaults.dtlsPort(),
                    maxPayloadBytes != null ? maxPayloadBytes : defaults.maxPayloadBytes(), known);
        }

        static final class NodeEntry {
            public String id;
            public String psk;
            public Map<String, String> sensors;
        }
    }
    static final class AlarmSection {
        public Integer outputPin;
        public Boolean activeHigh;
        public Integer silencePin;
        public Boolean silenceActiveHigh;
        public Long resoundAfterSeconds;
        public List<AlarmRuleSection> rules;

        /** @throws ConfigException naming every bad rule field as {@code alarm.rules[i].field} */
        AlarmSettings toSettings() {
            AlarmSettings d = AlarmSettings.DEFAULT;
            List<AlarmRule> parsed = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<AlarmRuleSection> given = rules == null ? List.of() : rules;
            for (int i = 0; i < given.size(); i++) {
                String at = "alarm.rules[" + i + "].";
                AlarmRuleSection r = given.get(i) == null ? new AlarmRuleSection() : given.get(i);
                ReadingKind kind = r.kind == null ? null : ReadingKind.fromWireName(r.kind).orElse(null);
                if (r.kind != null && kind == null) {
                    problems.add(at + "kind: unknown kind '" + r.kind + "' (known: temperature, humidity, weight,"
                            + " door)");
                    continue;
                }
                List<String> ruleProblems = AlarmRule.problems(r.id, r.sensor, kind, r.above, r.below,
                        orElse(r.delaySeconds, 0L), orElse(r.hysteresis, 0.0), orElse(r.noDataSeconds, 0L));
                if (ruleProblems.isEmpty()) {
                    parsed.add(new AlarmRule(r.id, r.sensor, kind, r.above, r.below, orElse(r.delaySeconds, 0L),
                            orElse(r.hysteresis, 0.0), orElse(r.noDataSeconds, 0L)));
                } else {
                    ruleProblems.forEach(problem -> problems.add(at + problem));
                }
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(String.join("; ", problems));
            }
            return new AlarmSettings(Optional.ofNullable(outputPin), orElse(activeHigh, d.activeHigh()),
                    Optional.ofNullable(silencePin), orElse(silenceActiveHigh, d.silenceActiveHigh()),
                    orElse(resoundAfterSeconds, d.resoundAfterSeconds()), parsed);
        }
    }

    static final class AlarmRuleSection {
        public String id;
        public String sensor;
        public String kind;
        public Double above;
        public Double below;
        public Long delaySeconds;
        public Double hysteresis;
        public Long noDataSeconds;
    }

    static final class HealthSection {
        public Long intervalSeconds;
        public String cpuTemperaturePath;

        HealthSettings toSettings() {
            HealthSettings d = HealthSettings.DEFAULT;
            return new HealthSettings(orElse(intervalSeconds, d.intervalSeconds()),
                    cpuTemperaturePath == null ? d.cpuTemperaturePath() : Path.of(cpuTemperaturePath));
        }
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
