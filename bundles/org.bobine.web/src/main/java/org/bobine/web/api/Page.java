package org.bobine.web.api;

import java.util.List;

/**
 * One page of a list, in PeerTube's shape {@code {"total": 42, "data": [...]}}.
 *
 * @param <T> the type of the elements
 * @param total how many elements the whole list has, or {@code null} when the client asked not to count
 *        them ({@code skipCount=true}); it is then left out of the JSON
 * @param data the elements of this page
 */
public record Page<T>(Long total, List<T> data) {

    /**
     * @param total how many elements the whole list has
     * @param data the elements of this page
     */
    public Page {
        data = List.copyOf(data);
    }

    /**
     * @param <T> the type of the elements
     * @param total how many elements the whole list has
     * @param data the elements of this page
     * @return the page
     */
    public static <T> Page<T> of(long total, List<T> data) {
        return new Page<>(total, data);
    }
}
