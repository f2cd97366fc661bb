package org.bobine.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.bobine.web.api.ApiException;
import org.junit.jupiter.api.Test;

/** The arithmetic of PeerTube's reorder: blocks moved forward, backward, to the start and to the end. */
class PlaylistPositionsTest {

    /** The playlist "a".."f" after a reorder, read position by position. */
    static String reordered(int start, int insertAfter, int length) {
        String before = "abcdef";
        PlaylistPositions.check(start, insertAfter, length, before.length());
        PlaylistPositions.Move move = PlaylistPositions.reorder(start, insertAfter, length);
        char[] after = new char[before.length()];
        List<Integer> taken = new ArrayList<>();
        for (int position = 1; position <= before.length(); position++) {
            int target = move == null ? position : move.newPosition(position);
            assertThat(taken).as("two elements at %d", target).doesNotContain(target);
            taken.add(target);
            after[target - 1] = before.charAt(position - 1);
        }
        return new String(after);
    }

    @Test
    void oneElementMovesForwardOrBackward() {
        assertThat(reordered(2, 4, 1)).isEqualTo("acdbef");
        assertThat(reordered(5, 2, 1)).isEqualTo("abecdf");
    }

    @Test
    void aBlockMovesForwardOrBackward() {
        assertThat(reordered(2, 5, 2)).isEqualTo("adebcf");
        assertThat(reordered(4, 1, 3)).isEqualTo("adefbc");
    }

    @Test
    void toTheStartAndToTheEnd() {
        assertThat(reordered(4, 0, 2)).isEqualTo("deabcf");
        assertThat(reordered(1, 6, 2)).isEqualTo("cdefab");
        assertThat(reordered(6, 0, 1)).isEqualTo("fabcde");
        assertThat(reordered(1, 6, 1)).isEqualTo("bcdefa");
    }

    @Test
    void aMoveThatChangesNothingIsNone() {
        assertThat(PlaylistPositions.reorder(3, 2, 1)).isNull();
        assertThat(PlaylistPositions.reorder(3, 3, 1)).isNull();
        assertThat(PlaylistPositions.reorder(2, 3, 3)).isNull();
        assertThat(reordered(3, 4, 2)).isEqualTo("abcdef");
    }

    @Test
    void theMoveNamesTheShiftedRanges() {
        assertThat(PlaylistPositions.reorder(2, 5, 2)).isEqualTo(new PlaylistPositions.Move(2, 3, 2, 4, 5, -2));
        assertThat(PlaylistPositions.reorder(4, 1, 3)).isEqualTo(new PlaylistPositions.Move(4, 6, -2, 2, 3, 3));
    }

    @Test
    void positionsOutsideThePlaylistAreRefusedAsPeerTubeDoes() {
        assertThatThrownBy(() -> PlaylistPositions.check(7, 1, 1, 6)).isInstanceOf(ApiException.class)
                .hasMessage("Start position or insert after position exceed the playlist limits (max: 6)");
        assertThatThrownBy(() -> PlaylistPositions.check(1, 7, 1, 6)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> PlaylistPositions.check(5, 0, 3, 6)).isInstanceOf(ApiException.class)
                .hasMessage("Reorder length with this start position exceeds the playlist limits (max: 6)");
        PlaylistPositions.check(5, 0, 2, 6);
    }
}
