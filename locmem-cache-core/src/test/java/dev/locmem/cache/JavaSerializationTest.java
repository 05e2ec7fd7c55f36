package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link JavaSerialization}: the JDK serialization that store-by-value and the Redis backend share. */
class JavaSerializationTest {

    @Test
    void aSerializableValueReadsBackEqualButNotTheSame() {
        List<String> value = new ArrayList<>(List.of("a", "b"));

        Object copy = JavaSerialization.deserialize(JavaSerialization.serialize(value, "key 'k'"), "key 'k'");

        assertThat(copy).isEqualTo(value).isNotSameAs(value);
    }

    @Test
    void nullReadsBackAsNull() {
        assertThat(JavaSerialization.deserialize(JavaSerialization.serialize(null, "key 'k'"), "key 'k'")).isNull();
    }

    @Test
    void aValueThatIsNotSerializableIsRefusedNamingWhatAndItsClass() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> JavaSerialization.serialize(new Object(), "key 'k' in Redis"))
            .withMessageContaining("Cannot store key 'k' in Redis")
            .withMessageContaining("java.lang.Object is not serializable");
    }

    @Test
    void bytesThatAreNotASerializedValueFailNamingWhat() {
        assertThatIllegalStateException()
            .isThrownBy(() -> JavaSerialization.deserialize(new byte[] { 1, 2, 3 }, "key 'k' in Redis"))
            .withMessageContaining("The value of key 'k' in Redis could not be deserialized");
    }
}
