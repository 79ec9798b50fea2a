package org.coldwatch.sim.coap;

import java.util.Objects;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;

/**
 * How one measure-and-send of a {@link SenmlNode} ended.
 *
 * @param outcome      what happened
 * @param responseCode the gateway's CoAP response code, {@code null} when none arrived
 * @param diagnostic   the gateway's diagnostic payload of an error response, or why nothing arrived; empty otherwise
 * @param records      SenML records in the pack sent, 0 when nothing was sent
 */
public record SendResult(Outcome outcome, ResponseCode responseCode, String diagnostic, int records) {

    /** The ways a measure-and-send can end. */
    public enum Outcome {
        /** The gateway answered with a success code (2.04 Changed); the measurements left the node. */
        ACKNOWLEDGED,
        /** The gateway answered 4.xx; the pack is dropped, never resent (it would be refused again). */
        REFUSED,
        /** The gateway answered 5.xx; the measurements go back into the backlog. */
        FAILED,
        /** No answer: every retransmission lost, or the DTLS handshake failed; measurements back into the backlog. */
        NO_RESPONSE,
        /** Measured, but a pack is still in flight; the round waits in the backlog for the next send. */
        QUEUED,
        /** Measured, but the radio is in an offline window; the round waits in the backlog. */
        OFFLINE,
        /** The battery is below brown-out: the node has stopped and neither measures nor sends. */
        BROWNED_OUT
    }

    public SendResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(diagnostic, "diagnostic");
    }

    /** The gateway acknowledged the pack with {@code code}. */
    public static SendResult acknowledged(ResponseCode code, int records) {
        return new SendResult(Outcome.ACKNOWLEDGED, code, "", records);
    }

    /** The gateway answered {@code code} (4.xx refuses, 5.xx fails) with {@code diagnostic}. */
    public static SendResult answered(ResponseCode code, String diagnostic, int records) {
        Outcome outcome = code.isSuccess() ? Outcome.ACKNOWLEDGED
                : code.isClientError() ? Outcome.REFUSED : Outcome.FAILED;
        return new SendResult(outcome, code, diagnostic, records);
    }

    /** Nothing came back, for the reason given. */
    public static SendResult noResponse(String why, int records) {
        return new SendResult(Outcome.NO_RESPONSE, null, why, records);
    }

    /** Nothing was sent this time, for {@code outcome} (QUEUED, OFFLINE or BROWNED_OUT). */
    public static SendResult notSent(Outcome outcome) {
        return new SendResult(outcome, null, "", 0);
    }

    /** The response code, if the gateway answered. */
    public Optional<ResponseCode> code() {
        return Optional.ofNullable(responseCode);
    }
}
