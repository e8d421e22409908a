/**
 * Real PostgreSQL and Redis servers started from binaries that ship in Maven artifacts, for the
 * {@code dev} environment and for tests. Production never starts these: it is configured with
 * external servers.
 */
package com.styleshepherd.devstack;
