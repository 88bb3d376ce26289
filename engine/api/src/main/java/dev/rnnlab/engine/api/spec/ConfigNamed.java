package dev.rnnlab.engine.api.spec;

import java.util.Optional;

/** An enum constant with the spelling configs use for it ({@code rnn_tanh}, {@code global_norm}, ...). */
public interface ConfigNamed {

    String configName();

    /** The constant of {@code type} spelled {@code name} in configs, if any. */
    static <E extends Enum<E> & ConfigNamed> Optional<E> parse(Class<E> type, String name) {
        for (E e : type.getEnumConstants()) {
            if (e.configName().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
