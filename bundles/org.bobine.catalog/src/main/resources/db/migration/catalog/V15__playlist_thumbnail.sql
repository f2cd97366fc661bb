-- The thumbnail uploaded for a playlist (thumbnailfile), in the "thumbnails" storage area under a random name that
-- is never reused. A playlist without one shows the thumbnail of its first video that anyone may see.
ALTER TABLE catalog_video_playlist ADD COLUMN thumbnail_name VARCHAR(100);
