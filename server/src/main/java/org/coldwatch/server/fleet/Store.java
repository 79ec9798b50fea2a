package org.coldwatch.server.fleet;

/**
 * A cold store (a village 保鲜库, fixed or mobile).
 *
 * @param id     stable id, e.g. {@code store-lijiacun}
 * @param name   display name as the operator knows it
 * @param region the region path it belongs to, e.g. {@code 某县/某镇/李家村}
 */
public record Store(String id, String name, String region) {
}
