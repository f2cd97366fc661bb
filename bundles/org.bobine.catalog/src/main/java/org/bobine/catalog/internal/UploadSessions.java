package org.bobine.catalog.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.bobine.persistence.api.TransactionService;

/**
 * The sessions of resumable uploads, in the table {@code catalog_upload_session} (plain SQL: the rows never leave
 * this class). The metadata of a session is kept as the text fields it was sent as, so that its completion checks
 * them with {@link VideoFields} exactly as a legacy upload does.
 */
final class UploadSessions {

    /**
     * A session.
     *
     * @param fields the video's fields, flat, as a multipart form sends them ({@link UploadFields})
     * @param videoId the video made when the upload completed, or {@code null} while it goes on
     */
    record Session(String id, long userId, long channelId, String fileName, String extension, long size,
            Map<String, String> fields, Long videoId) {

        /** @return the key of the partial file in the file store's partial-uploads area */
        String partialKey() {
            return id + extension;
        }
    }

    private final TransactionService transactions;

    UploadSessions(TransactionService transactions) {
        this.transactions = transactions;
    }

    void create(Session session, Instant now) {
        transactions.run(em -> em.createNativeQuery("insert into catalog_upload_session (id, user_id, channel_id, "
                + "file_name, extension, size, metadata, created_at, updated_at) values (:id, :user, :channel, "
                + ":name, :ext, :size, :metadata, :now, :now)").setParameter("id", session.id())
                .setParameter("user", session.userId()).setParameter("channel", session.channelId())
                .setParameter("name", session.fileName()).setParameter("ext", session.extension())
                .setParameter("size", session.size()).setParameter("metadata", encode(session.fields()))
                .setParameter("now", now).executeUpdate());
    }

    Optional<Session> find(String id) {
        return transactions.read(em -> {
            List<?> rows = em.createNativeQuery("select id, user_id, channel_id, file_name, extension, size, "
                    + "metadata, video_id from catalog_upload_session where id = :id").setParameter("id", id)
                    .getResultList();
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            Object[] row = (Object[]) rows.get(0);
            return Optional.of(new Session((String) row[0], ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(), (String) row[3], (String) row[4], ((Number) row[5]).longValue(),
                    decode((String) row[6]), row[7] == null ? null : ((Number) row[7]).longValue()));
        });
    }

    /** Records that a chunk arrived, which keeps the session from expiring. */
    void touch(String id, Instant now) {
        transactions.run(em -> em.createNativeQuery("update catalog_upload_session set updated_at = :now "
                + "where id = :id").setParameter("now", now).setParameter("id", id).executeUpdate());
    }

    void completed(String id, long videoId, Instant now) {
        transactions.run(em -> em.createNativeQuery("update catalog_upload_session set video_id = :video, "
                + "updated_at = :now where id = :id").setParameter("video", videoId).setParameter("now", now)
                .setParameter("id", id).executeUpdate());
    }

    void delete(String id) {
        transactions.run(em -> em.createNativeQuery("delete from catalog_upload_session where id = :id")
                .setParameter("id", id).executeUpdate());
    }

    /** @return the sessions without news since {@code before}: their ids and partial files' keys */
    List<Session> idleSince(Instant before) {
        return transactions.read(em -> {
            List<?> rows = em.createNativeQuery("select id, extension from catalog_upload_session "
                    + "where updated_at < :before").setParameter("before", before).setMaxResults(1000)
                    .getResultList();
            return rows.stream().map(r -> (Object[]) r).map(r -> new Session((String) r[0], 0, 0, "",
                    (String) r[1], 0, Map.of(), null)).toList();
        });
    }

    static String encode(Map<String, String> fields) {
        Properties properties = new Properties();
        properties.putAll(fields);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // The first line is the date that Properties writes.
        String text = out.toString();
        return text.substring(text.indexOf('\n') + 1);
    }

    static Map<String, String> decode(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> fields = new TreeMap<>();
        properties.forEach((k, v) -> fields.put((String) k, (String) v));
        return fields;
    }
}
