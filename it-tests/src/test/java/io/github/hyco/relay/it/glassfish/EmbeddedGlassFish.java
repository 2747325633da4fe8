// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.glassfish;

import io.github.hyco.relay.it.server.JakartaEeServer;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GlassFish embedded ({@code glassfish-embedded-all}) in a class loader of its own, driven through
 * its public {@code org.glassfish.embeddable} API by reflection: its jar bundles Tyrus and Weld of
 * other versions than the test class path's, which must not meet.
 */
final class EmbeddedGlassFish implements JakartaEeServer {

    private final URLClassLoader loader;
    private final Object runtime;
    private final Object glassfish;
    private final int httpPort;

    private EmbeddedGlassFish(URLClassLoader loader, Object runtime, Object glassfish, int httpPort) {
        this.loader = loader;
        this.runtime = runtime;
        this.glassfish = glassfish;
        this.httpPort = httpPort;
    }

    /** Starts GlassFish with its HTTP listener on a free port of the machine. */
    static EmbeddedGlassFish start() throws Exception {
        Path jar = Path.of(System.getProperty("glassfish.embedded.jar", "target/glassfish/glassfish-embedded-all.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("GlassFish embedded is missing at " + jar.toAbsolutePath()
                    + ": the it-tests build copies it there in the pre-integration-test phase (run mvn verify)");
        }
        int port = freePort();
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader());
        return withContextLoader(loader, () -> {
            Class<?> bootstrapProperties = loader.loadClass("org.glassfish.embeddable.BootstrapProperties");
            Class<?> runtimeType = loader.loadClass("org.glassfish.embeddable.GlassFishRuntime");
            Class<?> glassFishProperties = loader.loadClass("org.glassfish.embeddable.GlassFishProperties");
            Object runtime = runtimeType.getMethod("bootstrap", bootstrapProperties, ClassLoader.class)
                    .invoke(null, bootstrapProperties.getConstructor().newInstance(), loader);
            Object properties = glassFishProperties.getConstructor().newInstance();
            glassFishProperties.getMethod("setPort", String.class, int.class).invoke(properties, "http-listener", port);
            Object glassfish = runtimeType.getMethod("newGlassFish", glassFishProperties).invoke(runtime, properties);
            api(loader, "GlassFish", "start").invoke(glassfish);
            return new EmbeddedGlassFish(loader, runtime, glassfish, port);
        });
    }

    @Override
    public int httpPort() {
        return httpPort;
    }

    @Override
    public String deploy(File war, String contextRoot) throws Exception {
        return withContextLoader(loader, () -> {
            Object deployer = api(loader, "GlassFish", "getDeployer").invoke(glassfish);
            Method deploy = loader.loadClass("org.glassfish.embeddable.Deployer")
                    .getMethod("deploy", File.class, String[].class);
            return (String) deploy.invoke(deployer, war, new String[] {"--contextroot=" + contextRoot,
                "--name=" + contextRoot});
        });
    }

    @Override
    public void undeploy(String application) throws Exception {
        withContextLoader(loader, () -> {
            Object deployer = api(loader, "GlassFish", "getDeployer").invoke(glassfish);
            loader.loadClass("org.glassfish.embeddable.Deployer")
                    .getMethod("undeploy", String.class, String[].class).invoke(deployer, application, new String[0]);
            return null;
        });
    }

    @Override
    public void close() throws IOException {
        try {
            withContextLoader(loader, () -> {
                api(loader, "GlassFish", "stop").invoke(glassfish);
                api(loader, "GlassFish", "dispose").invoke(glassfish);
                loader.loadClass("org.glassfish.embeddable.GlassFishRuntime").getMethod("shutdown").invoke(runtime);
                return null;
            });
        } catch (Exception e) {
            throw new IOException("GlassFish did not stop cleanly", e);
        } finally {
            loader.close();
        }
    }

    private static Method api(ClassLoader loader, String type, String method) throws Exception {
        return loader.loadClass("org.glassfish.embeddable." + type).getMethod(method);
    }

    private interface Action<T> {
        T run() throws Exception;
    }

    private static <T> T withContextLoader(ClassLoader loader, Action<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.run();
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
