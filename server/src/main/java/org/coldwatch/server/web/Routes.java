package org.coldwatch.server.web;

import io.vertx.ext.web.Router;

/** A feature's HTTP routes, mounted by {@link HttpApi} before its catch-all static handler. */
public interface Routes {

    /** Adds this feature's routes to {@code router}. */
    void mount(Router router);
}
