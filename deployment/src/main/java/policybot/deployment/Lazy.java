package policybot.deployment;

import java.util.function.Supplier;

/** Made on first use, then kept: the store is opened only by a command that needs it. */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> make;
    private T value;

    Lazy(Supplier<T> make) {
        this.make = make;
    }

    @Override
    public synchronized T get() {
        if (value == null) {
            value = make.get();
        }
        return value;
    }

    synchronized boolean made() {
        return value != null;
    }
}
