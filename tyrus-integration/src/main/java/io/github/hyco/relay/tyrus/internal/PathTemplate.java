// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code @ServerEndpoint} path template as a server matches it: segment by segment, each
 * {@code {name}} taking exactly one segment. See {@code RelayEndpoint} for how it is placed under a
 * Hybrid Connection.
 */
final class PathTemplate {

    private final String template;
    private final List<String> segments;
    /** Number of literal segments before the first variable; more means more specific. */
    private final int literalPrefix;
    private final int literalCount;

    private PathTemplate(String template, List<String> segments) {
        this.template = template;
        this.segments = segments;
        int prefix = 0;
        while (prefix < segments.size() && !isVariable(segments.get(prefix))) {
            prefix++;
        }
        this.literalPrefix = prefix;
        this.literalCount = (int) segments.stream().filter(s -> !isVariable(s)).count();
    }

    /** @throws IllegalArgumentException if the template is not {@code /…} or a variable is malformed */
    static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with '/', was '" + template + "'");
        }
        List<String> segments = split(template);
        for (String s : segments) {
            if (s.contains("{") || s.contains("}")) {
                if (!isVariable(s) || s.length() == 2) {
                    throw new IllegalArgumentException("path template segment must be literal or a "
                            + "whole {name}, was '" + s + "' in '" + template + "'");
                }
            }
        }
        return new PathTemplate(template, Collections.unmodifiableList(segments));
    }

    /** The segments of a path ({@code /a/b} → [a, b]; {@code /} → []). */
    static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        if (path.equals("/") || path.isEmpty()) {
            return out;
        }
        for (String s : path.substring(path.startsWith("/") ? 1 : 0).split("/", -1)) {
            out.add(s);
        }
        return out;
    }

    String template() {
        return template;
    }

    List<String> segments() {
        return segments;
    }

    /** Whether the template's first segments are exactly {@code prefix} (all literal). */
    boolean startsWith(List<String> prefix) {
        return literalPrefix >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix);
    }

    /**
     * Path parameters if {@code path} (decoded segments) matches, else null.
     */
    Map<String, String> match(List<String> path) {
        if (path.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String t = segments.get(i);
            if (isVariable(t)) {
                if (path.get(i).isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), path.get(i));
            } else if (!t.equals(path.get(i))) {
                return null;
            }
        }
        return params;
    }

    /** Orders more specific templates first: longer literal prefix, then more literals. */
    static int bySpecificity(PathTemplate a, PathTemplate b) {
        int c = Integer.compare(b.literalPrefix, a.literalPrefix);
        return c != 0 ? c : Integer.compare(b.literalCount, a.literalCount);
    }

    /** Whether both templates match exactly the same paths. */
    boolean sameShape(PathTemplate other) {
        if (segments.size() != other.segments.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String a = segments.get(i);
            String b = other.segments.get(i);
            if (isVariable(a) != isVariable(b) || (!isVariable(a) && !a.equals(b))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    @Override
    public String toString() {
        return template;
    }
}
