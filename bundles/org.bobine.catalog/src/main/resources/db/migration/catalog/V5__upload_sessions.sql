-- Resumable uploads in progress. A session is created by the first request, before any byte is stored; its bytes
-- go to the file <id><extension> of the file store's partial-uploads area, whose size is how far the upload got.
-- metadata is the JSON of the video's fields, checked when the session was created. video_id is set when the
-- upload completed, so that the last chunk sent again is answered with the same video; completed and abandoned
-- sessions are removed by the periodic cleanup once updated_at is older than the configured expiration.
CREATE TABLE catalog_upload_session (
    id VARCHAR(100) NOT NULL PRIMARY KEY,
    user_id BIGINT NOT NULL,
    channel_id BIGINT NOT NULL,
    file_name VARCHAR(1000) NOT NULL,
    extension VARCHAR(10) NOT NULL,
    size BIGINT NOT NULL,
    metadata VARCHAR(100000) NOT NULL,
    video_id BIGINT,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX catalog_upload_session_updated ON catalog_upload_session (updated_at);

-- The thumbnail (280x157) and preview (850x480) a local video was uploaded with: JPEG files of the file store's
-- thumbnails and previews areas, served at /lazy-static/thumbnails/<name> and /lazy-static/previews/<name>.
ALTER TABLE catalog_video ADD COLUMN thumbnail_name VARCHAR(100);
ALTER TABLE catalog_video ADD COLUMN preview_name VARCHAR(100);
