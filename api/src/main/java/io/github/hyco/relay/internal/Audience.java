// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import java.util.Locale;

/**
 * Turns a relay URI into the resource a SAS token is signed for, the way hyco-ws does: scheme
 * {@code http}, query, fragment and user info dropped, the first {@code $hc/} removed, host
 * lower-cased, an explicit port kept, an empty path made {@code /}.
 *
 * <p>Unlike hyco-ws, the path is percent-decoded first, so that it is encoded exactly once when the
 * token is built (hyco-ws encodes an already encoded path a second time).
 */
public final class Audience {

    private Audience() {
    }

    public static String normalize(String uri) {
        Arguments.requireNonBlank(uri, "uri");
        int schemeEnd = uri.indexOf("://");
        if (schemeEnd <= 0 || !uri.substring(0, schemeEnd).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw new IllegalArgumentException("uri must be absolute (scheme://host/...), was "
                    + Arguments.quote(uri));
        }
        String rest = uri.substring(schemeEnd + 3);
        int authorityEnd = indexOfAny(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("uri has no host: " + Arguments.quote(uri));
        }
        String path = rest.substring(authorityEnd);
        path = path.substring(0, indexOfAny(path, "?#"));
        try {
            path = UriComponents.decode(path, false);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("uri has a malformed path (" + e.getMessage() + "): "
                    + Arguments.quote(uri), e);
        }
        path = path.replaceFirst("\\$hc/", "");
        if (path.isEmpty()) {
            path = "/";
        }
        return "http://" + authority.toLowerCase(Locale.ROOT) + path;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }
}
