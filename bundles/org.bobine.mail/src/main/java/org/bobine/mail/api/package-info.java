/**
 * Sending e-mail from the instance.
 *
 * <p>A bundle that has something to tell a person by e-mail (an address to verify, a password reset link, a
 * registration decision) gets the {@link org.bobine.mail.api.Mailer} service and hands it a
 * {@link org.bobine.mail.api.Mail}. The mailer is always registered; {@link org.bobine.mail.api.Mailer#enabled()}
 * says whether the administrator configured an SMTP server, which is also what {@code email.enabled} in
 * {@code GET /api/v1/config} reports.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.bobine.mail.api;
