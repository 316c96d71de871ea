package policybot.adapters.web;

/**
 * Work the server runs beside its requests (the outbox, the ticket sweep): started when the
 * server is listening, stopped after a graceful stop has finished the requests in flight.
 */
public interface Background extends AutoCloseable {
    void start();

    @Override
    void close();

    Background NONE = new Background() {
        @Override
        public void start() {
        }

        @Override
        public void close() {
        }
    };
}
