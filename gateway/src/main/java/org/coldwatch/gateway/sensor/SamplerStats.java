package org.coldwatch.gateway.sensor;

/**
 * What the sampler has done since it started.
 *
 * @param rounds           sampling rounds completed
 * @param readingsAppended readings handed to the outbox
 * @param readingsRejected readings dropped because they break the wire contract (e.g. an implausible value)
 * @param sourceFailures   failed reads, over all sources
 * @param failingSources   sources whose last read failed
 * @param appendFailures   rounds whose readings the outbox could not store
 */
public record SamplerStats(long rounds, long readingsAppended, long readingsRejected, long sourceFailures,
                           int failingSources, long appendFailures) {
}
