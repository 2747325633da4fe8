// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relay refused or ended an operation. Carries the HTTP status the relay answered with (or the
 * status a listener rejected the sender with), its description, and the relay's tracking id, which
 * is what Azure support asks for.
 *
 * <p>Use {@link #of} to get the most specific subclass for a status:
 * {@link EndpointNotFoundException} for 404, {@link AuthorizationFailedException} for 401 and 403.
 */
public class RelayException extends IOException {

    private static final long serialVersionUID = 1L;
    private static final Pattern TRACKING_ID = Pattern.compile("TrackingId:\\s*([^,\\s]+)");

    private final int statusCode;
    private final String description;
    private final String trackingId;

    /**
     * @param statusCode the HTTP status, or 0 if the failure had none
     * @param description the relay's description, may be null
     * @param trackingId the tracking id, or null to take it from a {@code TrackingId:} in the
     *     description
     */
    public RelayException(int statusCode, String description, String trackingId) {
        this(statusCode, description, trackingId, null);
    }

    public RelayException(int statusCode, String description, String trackingId, Throwable cause) {
        super(message(statusCode, description), cause);
        this.statusCode = statusCode;
        this.description = description == null ? "" : description;
        this.trackingId = trackingId != null ? trackingId : findTrackingId(description);
    }

    /** The exception type for {@code statusCode}: 404, 401/403, or this class for the others. */
    public static RelayException of(int statusCode, String description, String trackingId) {
        return of(statusCode, description, trackingId, null);
    }

    /** {@link #of(int, String, String)} with the underlying failure as the cause. */
    public static RelayException of(int statusCode, String description, String trackingId, Throwable cause) {
        return switch (statusCode) {
            case 404 -> new EndpointNotFoundException(description, trackingId, cause);
            case 401, 403 -> new AuthorizationFailedException(statusCode, description, trackingId, cause);
            default -> new RelayException(statusCode, description, trackingId, cause);
        };
    }

    /** The HTTP status code, or 0 if there was none (a dropped connection, say). */
    public int statusCode() {
        return statusCode;
    }

    /** The status description as the relay (or the rejecting listener) gave it; never null. */
    public String description() {
        return description;
    }

    /** The relay's tracking id for this operation, if known. */
    public Optional<String> trackingId() {
        return Optional.ofNullable(trackingId);
    }

    private static String message(int statusCode, String description) {
        String text = description == null || description.isBlank() ? "(no description)" : description;
        return statusCode == 0 ? text : statusCode + " " + text;
    }

    private static String findTrackingId(String description) {
        if (description == null) {
            return null;
        }
        Matcher m = TRACKING_ID.matcher(description);
        return m.find() ? m.group(1) : null;
    }
}
