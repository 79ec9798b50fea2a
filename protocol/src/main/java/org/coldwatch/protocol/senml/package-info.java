/**
 * SenML (RFC 8428) for ColdWatch's wireless sensor nodes: the records and packs a node POSTs to its gateway over CoAP,
 * their JSON ({@code application/senml+json}, CoAP content format 110) and CBOR ({@code application/senml+cbor}, 112)
 * encodings, base-field resolution, and the ColdWatch name scheme that turns a resolved pack into {@code Reading}s
 * and node health.
 *
 * <p>Layers, each usable on its own:
 * <ol>
 *   <li>{@link org.coldwatch.protocol.senml.SenmlCodec} decodes bytes into a {@link org.coldwatch.protocol.senml.SenmlPack}
 *       (strict, streaming, size-limited) and encodes a pack back.</li>
 *   <li>{@link org.coldwatch.protocol.senml.SenmlPack#resolve(java.time.Instant)} applies the base fields and turns
 *       relative times into absolute ones (RFC 8428 section 4.6).</li>
 *   <li>{@link org.coldwatch.protocol.senml.NodeReport#of(java.util.List)} checks the ColdWatch contract (names
 *       {@code <nodeId>/<quantity>}, units, plausible ranges) and yields readings and node health.</li>
 * </ol>
 * Every refusal is a {@link org.coldwatch.protocol.senml.SenmlException} with a stable problem and a precise detail.
 * The contract is documented in docs/protocol.md, section "Wireless sensor nodes: CoAP + SenML".
 */
package org.coldwatch.protocol.senml;
