package org.coldwatch.server.storage;

import java.util.List;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.QueryResult;

/** InfluxQL answers with their errors turned into exceptions: InfluxDB reports a failed statement inside the answer. */
public final class InfluxResults {

    private InfluxResults() {
    }

    /**
     * The statement results of {@code result}.
     *
     * @throws InfluxDBException if the query or any of its statements failed
     */
    public static List<QueryResult.Result> checked(QueryResult result) {
        if (result.hasError()) {
            throw new InfluxDBException(result.getError());
        }
        List<QueryResult.Result> results = result.getResults() == null ? List.of() : result.getResults();
        for (QueryResult.Result r : results) {
            if (r.hasError()) {
                throw new InfluxDBException(r.getError());
            }
        }
        return results;
    }
}
