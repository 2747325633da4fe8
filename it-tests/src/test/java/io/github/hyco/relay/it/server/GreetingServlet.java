// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.server;

import io.github.hyco.relay.it.cdi.Greetings;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An ordinary servlet of the WAR, with an injected bean: GlassFish serves it on its own port, and
 * the relay reaches it there through the extension's forward.
 */
@WebServlet("/greetings")
public class GreetingServlet extends HttpServlet {

    @Inject
    Greetings greetings;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        answer(response, 200, greetings.greet(request.getParameter("name"), "nothing"), request);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        answer(response, 201, greetings.greet(request.getParameter("name"), body), request);
    }

    private static void answer(HttpServletResponse response, int status, String text, HttpServletRequest request)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        // what a proxied application reads to learn how the sender called it
        response.setHeader("X-Seen-Forwarded-Host", String.valueOf(request.getHeader("X-Forwarded-Host")));
        response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }
}
