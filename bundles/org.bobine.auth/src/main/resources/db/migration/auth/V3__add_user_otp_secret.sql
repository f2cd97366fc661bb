-- The secret of a user's two-factor authentication (TOTP, RFC 6238), in Base32; null when it is off.
ALTER TABLE auth_user ADD COLUMN otp_secret VARCHAR(64);
