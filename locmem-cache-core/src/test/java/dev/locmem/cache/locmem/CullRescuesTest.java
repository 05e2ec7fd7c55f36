package dev.locmem.cache.locmem;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buffer in which uses note a prepared cull's victims ({@link CullPreparation.Rescues}), step by step in one
 * thread: each of the protocol's outcomes leaves the victim's mark where the cull expects it.
 */
class CullRescuesTest {

    private static final byte GENERATION = 5;

    private static final byte NOTED = (byte) (GENERATION | CullPreparation.NOTED);

    private final KeySpace space = new KeySpace(":1:");

    private Entry victim(String key) {
        Entry entry = new Entry(this.space, key, EntryTable.hash(key), key, Long.MAX_VALUE);
        entry.doom = GENERATION;
        return entry;
    }

    @Test
    void aUseNotesAVictimOnceAndTheCullTakesIt() {
        CullPreparation.Rescues rescues = new CullPreparation.Rescues(GENERATION, 4);
        Entry entry = victim("a");
        rescues.note(entry);
        rescues.note(entry);
        assertThat(entry.doom).isEqualTo(NOTED);
        assertThat(rescues.close()).isEqualTo(1);
        assertThat(rescues.take(0)).isSameAs(entry);
    }

    @Test
    void aNotedMarkIsStillTheCullsMarkLessTheNotedBit() {
        CullPreparation.Rescues rescues = new CullPreparation.Rescues(GENERATION, 1);
        Entry entry = victim("a");
        rescues.note(entry);
        assertThat(entry.doom & CullPreparation.GENERATION).isEqualTo(GENERATION);
        assertThat(entry.doom).isNotZero().isNegative();
    }

    @Test
    void aUseOfAFullBufferLeavesTheVictimMarkedForTheCull() {
        CullPreparation.Rescues rescues = new CullPreparation.Rescues(GENERATION, 1);
        Entry first = victim("a");
        Entry second = victim("b");
        rescues.note(first);
        rescues.note(second);
        assertThat(second.doom).isEqualTo(GENERATION);
        assertThat(rescues.close()).isEqualTo(1);
        assertThat(rescues.take(0)).isSameAs(first);
    }

    @Test
    void aUseAfterTheCullClosedTheBufferNotesNothing() {
        CullPreparation.Rescues rescues = new CullPreparation.Rescues(GENERATION, 4);
        assertThat(rescues.close()).isZero();
        Entry entry = victim("a");
        rescues.note(entry);
        assertThat(entry.doom).isEqualTo(GENERATION);
        assertThat(rescues.take(0)).isNull();
    }

    @Test
    void aSlotTheCullEmptiedCannotBeFilledAnyMore() {
        CullPreparation.Rescues rescues = new CullPreparation.Rescues(GENERATION, 4);
        Entry entry = victim("a");
        rescues.note(entry);
        rescues.close();
        assertThat(rescues.take(0)).isSameAs(entry);
        assertThat(rescues.take(0)).isNull();
    }

    @Test
    void aMarkOfAnotherPreparationIsNotNoted() {
        CullPreparation.Rescues rescues = new CullPreparation.Rescues(GENERATION, 4);
        Entry entry = victim("a");
        entry.doom = GENERATION + 1;
        rescues.note(entry);
        assertThat(entry.doom).isEqualTo((byte) (GENERATION + 1));
        assertThat(rescues.close()).isZero();
    }
}
