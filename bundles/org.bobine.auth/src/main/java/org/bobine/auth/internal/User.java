package org.bobine.auth.internal;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A local user: who logs in, with which role and quotas. */
@Entity
@Table(name = "auth_user")
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 50)
    private String username;

    @Column(nullable = false, length = 400)
    private String email;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Column(nullable = false)
    private int role;

    @Column(nullable = false)
    private boolean blocked;

    @Column(name = "blocked_reason", length = 250)
    private String blockedReason;

    @Column(name = "video_quota", nullable = false)
    private long videoQuota;

    @Column(name = "video_quota_daily", nullable = false)
    private long videoQuotaDaily;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_login_date")
    private Instant lastLoginDate;

    @Column(name = "otp_secret", length = 64)
    private String otpSecret;

    @Column(name = "email_verified")
    private Boolean emailVerified;

    @Column(name = "pending_email", length = 400)
    private String pendingEmail;

    @Column(name = "nsfw_policy", nullable = false, length = 20)
    private String nsfwPolicy = "do_not_list";

    @Column(name = "p2p_enabled", nullable = false)
    private boolean p2pEnabled = true;

    @Column(name = "videos_history_enabled", nullable = false)
    private boolean videosHistoryEnabled = true;

    @Column(name = "auto_play_video", nullable = false)
    private boolean autoPlayVideo = true;

    @Column(name = "auto_play_next_video", nullable = false)
    private boolean autoPlayNextVideo;

    @Column(name = "auto_play_next_video_playlist", nullable = false)
    private boolean autoPlayNextVideoPlaylist = true;

    @Column(name = "video_languages", length = 1000)
    private String videoLanguages;

    @Column(nullable = false, length = 50)
    private String theme = "instance-default";

    @Column(name = "no_instance_config_warning_modal", nullable = false)
    private boolean noInstanceConfigWarningModal;

    @Column(name = "no_welcome_modal", nullable = false)
    private boolean noWelcomeModal;

    @Column(name = "no_account_setup_warning_modal", nullable = false)
    private boolean noAccountSetupWarningModal;

    @Column(name = "admin_flags", nullable = false)
    private int adminFlags;

    protected User() {
        // For JPA.
    }

    User(String username, String email, String passwordHash, int role, long videoQuota, long videoQuotaDaily,
            Instant createdAt) {
        this.username = username;
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = role;
        this.videoQuota = videoQuota;
        this.videoQuotaDaily = videoQuotaDaily;
        this.createdAt = createdAt;
    }

    Long id() {
        return id;
    }

    String username() {
        return username;
    }

    String email() {
        return email;
    }

    String passwordHash() {
        return passwordHash;
    }

    int role() {
        return role;
    }

    boolean blocked() {
        return blocked;
    }

    String blockedReason() {
        return blockedReason;
    }

    long videoQuota() {
        return videoQuota;
    }

    long videoQuotaDaily() {
        return videoQuotaDaily;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant lastLoginDate() {
        return lastLoginDate;
    }

    /** Changes the fields that are not {@code null}. */
    void update(String newEmail, String newPasswordHash, Integer newRole, Long newVideoQuota,
            Long newVideoQuotaDaily) {
        if (newEmail != null) {
            this.email = newEmail;
        }
        if (newPasswordHash != null) {
            this.passwordHash = newPasswordHash;
        }
        if (newRole != null) {
            this.role = newRole;
        }
        if (newVideoQuota != null) {
            this.videoQuota = newVideoQuota;
        }
        if (newVideoQuotaDaily != null) {
            this.videoQuotaDaily = newVideoQuotaDaily;
        }
    }

    void block(String reason) {
        this.blocked = true;
        this.blockedReason = reason;
    }

    void unblock() {
        this.blocked = false;
        this.blockedReason = null;
    }

    String otpSecret() {
        return otpSecret;
    }

    void otpSecret(String secret) {
        this.otpSecret = secret;
    }

    void loggedIn(Instant when) {
        this.lastLoginDate = when;
    }

    /** {@code null} when the address never had to be verified. */
    Boolean emailVerified() {
        return emailVerified;
    }

    void emailVerified(Boolean verified) {
        this.emailVerified = verified;
    }

    /** A new address waiting for its verification, or {@code null}. */
    String pendingEmail() {
        return pendingEmail;
    }

    void pendingEmail(String address) {
        this.pendingEmail = address;
    }

    /** The pending address becomes the address, verified. */
    void confirmPendingEmail() {
        this.email = pendingEmail;
        this.pendingEmail = null;
        this.emailVerified = true;
    }

    int adminFlags() {
        return adminFlags;
    }

    void adminFlags(int flags) {
        this.adminFlags = flags;
    }

    Preferences preferences() {
        return new Preferences(nsfwPolicy, p2pEnabled, videosHistoryEnabled, autoPlayVideo, autoPlayNextVideo,
                autoPlayNextVideoPlaylist, videoLanguages == null ? null : List.of(videoLanguages.split(",")), theme,
                noInstanceConfigWarningModal, noWelcomeModal, noAccountSetupWarningModal);
    }

    void preferences(Preferences preferences) {
        this.nsfwPolicy = preferences.nsfwPolicy();
        this.p2pEnabled = preferences.p2pEnabled();
        this.videosHistoryEnabled = preferences.videosHistoryEnabled();
        this.autoPlayVideo = preferences.autoPlayVideo();
        this.autoPlayNextVideo = preferences.autoPlayNextVideo();
        this.autoPlayNextVideoPlaylist = preferences.autoPlayNextVideoPlaylist();
        this.videoLanguages = preferences.videoLanguages() == null ? null
                : String.join(",", preferences.videoLanguages());
        this.theme = preferences.theme();
        this.noInstanceConfigWarningModal = preferences.noInstanceConfigWarningModal();
        this.noWelcomeModal = preferences.noWelcomeModal();
        this.noAccountSetupWarningModal = preferences.noAccountSetupWarningModal();
    }
}
