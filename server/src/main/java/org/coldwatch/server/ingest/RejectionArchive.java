package org.coldwatch.server.ingest;

import java.util.List;
import java.util.Optional;

/** Where refusals and the refused payloads are kept, for operators and technicians to inspect. */
public interface RejectionArchive extends AutoCloseable {

    /** Keeps a refusal and its payload (null if none). Must not block: writes happen in the background. */
    void keep(Rejection rejection, byte[] payload);

    /** The newest refusals, newest first. Blocking. */
    List<Rejection> recent(int limit);

    /** The payload of an archived refusal, if it had one and is still kept. Blocking. */
    Optional<byte[]> payload(long id);

    @Override
    void close();
}
