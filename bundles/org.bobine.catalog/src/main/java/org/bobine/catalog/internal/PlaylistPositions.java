package org.bobine.catalog.internal;

import jakarta.persistence.EntityManager;

import org.bobine.web.api.ApiException;

/**
 * The positions of a playlist's elements, 1..n without gaps: the arithmetic of PeerTube's reorder, and the updates
 * that apply a reorder or close the gap a removed element leaves. Each update goes through negative positions
 * first, so that no statement puts two elements at one position, which the unique constraint on
 * {@code (playlist_id, position)} would refuse (PostgreSQL checks it row by row). The caller holds the lock on the
 * playlist's row.
 */
final class PlaylistPositions {

    /**
     * A reorder: the block {@code [blockFrom, blockTo]} moves by {@code blockShift}; the elements it passes over,
     * {@code [passedFrom, passedTo]}, move by {@code passedShift} the other way. Other elements stay.
     */
    record Move(int blockFrom, int blockTo, int blockShift, int passedFrom, int passedTo, int passedShift) {

        /** @return where the element at {@code position} is after the move */
        int newPosition(int position) {
            if (position >= blockFrom && position <= blockTo) {
                return position + blockShift;
            }
            if (position >= passedFrom && position <= passedTo) {
                return position + passedShift;
            }
            return position;
        }
    }

    private PlaylistPositions() {
    }

    /**
     * Checks a reorder of a playlist of {@code size} elements as PeerTube does.
     *
     * @throws ApiException 400 when a position is outside the playlist, or the block runs past its end
     */
    static void check(int startPosition, int insertAfterPosition, int reorderLength, int size) {
        if (startPosition > size || insertAfterPosition > size) {
            throw ApiException.badRequest("Start position or insert after position exceed the playlist limits (max: "
                    + size + ")");
        }
        if (startPosition + reorderLength - 1 > size) {
            throw ApiException.badRequest("Reorder length with this start position exceeds the playlist limits (max: "
                    + size + ")");
        }
    }

    /**
     * Moves the {@code reorderLength} elements from {@code startPosition} after the element now at
     * {@code insertAfterPosition} (0: to the start). The arguments are checked ({@link #check}).
     *
     * @return the move, or {@code null} when the order stays as it is: the block is already there, or the
     *         position to insert after is inside the block
     */
    static Move reorder(int startPosition, int insertAfterPosition, int reorderLength) {
        int end = startPosition + reorderLength - 1;
        if (insertAfterPosition >= startPosition - 1 && insertAfterPosition <= end) {
            return null;
        }
        if (insertAfterPosition > end) {
            return new Move(startPosition, end, insertAfterPosition - end, end + 1, insertAfterPosition,
                    -reorderLength);
        }
        return new Move(startPosition, end, insertAfterPosition + 1 - startPosition, insertAfterPosition + 1,
                startPosition - 1, reorderLength);
    }

    /** Applies a move to the elements of a playlist, in three statements. */
    static void apply(EntityManager em, long playlistId, Move move) {
        int low = Math.min(move.blockFrom(), move.passedFrom());
        int high = Math.max(move.blockTo(), move.passedTo());
        em.createQuery("update VideoPlaylistElement e set e.position = -e.position where e.playlist.id = :playlist "
                + "and e.position between :low and :high").setParameter("playlist", playlistId)
                .setParameter("low", low).setParameter("high", high).executeUpdate();
        shiftNegated(em, playlistId, move.blockFrom(), move.blockTo(), move.blockShift());
        shiftNegated(em, playlistId, move.passedFrom(), move.passedTo(), move.passedShift());
    }

    /** The elements negated from {@code [from, to]} go back to their positions plus {@code shift}. */
    private static void shiftNegated(EntityManager em, long playlistId, int from, int to, int shift) {
        em.createQuery("update VideoPlaylistElement e set e.position = :shift - e.position "
                + "where e.playlist.id = :playlist and e.position between :low and :high")
                .setParameter("shift", shift).setParameter("playlist", playlistId).setParameter("low", -to)
                .setParameter("high", -from).executeUpdate();
    }

    /** Closes the gap left at {@code position}: the elements after it move up by one. */
    static void closeGap(EntityManager em, long playlistId, int position) {
        em.createQuery("update VideoPlaylistElement e set e.position = 1 - e.position where e.playlist.id = :playlist "
                + "and e.position > :position").setParameter("playlist", playlistId)
                .setParameter("position", position).executeUpdate();
        em.createQuery("update VideoPlaylistElement e set e.position = -e.position where e.playlist.id = :playlist "
                + "and e.position < 0").setParameter("playlist", playlistId).executeUpdate();
    }
}
