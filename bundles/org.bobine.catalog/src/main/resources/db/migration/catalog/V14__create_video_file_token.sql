-- Short-lived tokens that open the files of a video that is not public to whoever could see it when asking
-- (POST /api/v1/videos/{id}/token), given as ?videoFileToken= where a bearer header cannot be sent (a <video>
-- element, a download link). Kept as SHA-256 digests, so that the table does not hold usable tokens; every node
-- checks them here. Expired rows are purged periodically; rows go with their video.
CREATE TABLE catalog_video_file_token (
    token_hash CHAR(64) PRIMARY KEY,
    video_id BIGINT NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT catalog_video_file_token_video_fk FOREIGN KEY (video_id) REFERENCES catalog_video (id)
        ON DELETE CASCADE
);
CREATE INDEX catalog_video_file_token_expiry_index ON catalog_video_file_token (expires_at);
