package org.coldwatch.gateway.coap;

import java.util.List;
import java.util.Objects;
import org.coldwatch.protocol.Reading;
import org.coldwatch.protocol.senml.NodeHealth;

/** What {@link PackAdmission} decided about one POSTed pack: admitted with its readings, or refused and why. */
public sealed interface Admission permits Admission.Admitted, Admission.Refused {

    /**
     * A pack from a known, authorised node whose records all passed.
     *
     * @param nodeId   the node that sent it
     * @param readings its measurements, sensor ids mapped as the node's config says, in time order
     * @param health   its battery records, in time order (node health, never telemetry)
     */
    record Admitted(String nodeId, List<Reading> readings, List<NodeHealth> health) implements Admission {
        public Admitted {
            Objects.requireNonNull(nodeId, "nodeId");
            readings = List.copyOf(readings);
            health = List.copyOf(health);
        }
    }

    /**
     * A pack that is not taken.
     *
     * @param reason     stable metrics label, e.g. {@code unknown_node} or a SenML problem label such as
     *                   {@code value_count}
     * @param coapCode   the response code as {@code class << 5 | detail} (RFC 7252 section 3), see {@link CoapCodes}
     * @param diagnostic the text payload of the answer: {@code <reason>: <detail>}
     */
    record Refused(String reason, int coapCode, String diagnostic) implements Admission {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(diagnostic, "diagnostic");
        }

        /** A refusal whose diagnostic is {@code reason: detail}. */
        static Refused of(String reason, int coapCode, String detail) {
            return new Refused(reason, coapCode, reason + ": " + detail);
        }
    }
}
