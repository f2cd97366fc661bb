-- The torrent of a web-video file, made by the P2P bundle after the file is stored: its info hash (SHA-1 of the
-- bencoded info dictionary, 40 lower-case hex digits), which the private tracker looks up, and its name in the file
-- store's torrents area (<uuid4>-<resolution>.torrent). Both are null until the torrent exists.
ALTER TABLE catalog_video_file ADD COLUMN info_hash VARCHAR(40);
ALTER TABLE catalog_video_file ADD COLUMN torrent_filename VARCHAR(255);
CREATE INDEX catalog_video_file_info_hash_index ON catalog_video_file (info_hash);
