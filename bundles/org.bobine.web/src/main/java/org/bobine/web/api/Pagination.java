package org.bobine.web.api;

/**
 * The pagination parameters of a list request, already validated; see
 * {@link ApiRequest#pagination(java.util.Set, String)}.
 *
 * @param start the index of the first element, at least 0
 * @param count how many elements at most, 1 to 100
 * @param sortColumn the column to sort by, one of those the endpoint allows
 * @param descending whether the sort is descending ({@code sort=-column})
 */
public record Pagination(int start, int count, String sortColumn, boolean descending) {

    /** The page size when a request gives none. */
    public static final int DEFAULT_COUNT = 15;

    /** The largest page size a request may ask for. */
    public static final int MAX_COUNT = 100;
}
