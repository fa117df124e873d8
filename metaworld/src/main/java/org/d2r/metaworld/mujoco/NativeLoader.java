package org.d2r.metaworld.mujoco;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * Finds {@code libd2rmujoco.so} on the classpath (built by Maven into target/classes) and loads
 * it. From a jar the library is copied to a temporary file first, because the dynamic linker only
 * opens real files.
 */
final class NativeLoader {

    static final String RESOURCE = "/native/linux-x86_64/libd2rmujoco.so";
    private static final String INSTALL_HINT =
            "MuJoCo 2.2.2 is required: install it with 'sudo apt-get install libmujoco-dev' (Debian/Ubuntu)"
                    + " and rebuild the metaworld module (mvn -pl metaworld -am install -DskipTests).";

    private NativeLoader() {}

    static synchronized void load() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")
                || !System.getProperty("os.arch", "").matches("amd64|x86_64")) {
            throw new UnsupportedOperationException("The MuJoCo binding is built for linux-x86_64 only; this JVM runs on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ".");
        }
        URL url = NativeLoader.class.getResource(RESOURCE);
        if (url == null) {
            throw new UnsatisfiedLinkError("The MuJoCo JNI library " + RESOURCE + " is not on the classpath: the build"
                    + " did not compile it. " + INSTALL_HINT);
        }
        Path lib;
        try {
            if ("file".equals(url.getProtocol())) {
                lib = Paths.get(url.toURI());
            } else {
                lib = Files.createTempFile("libd2rmujoco", ".so");
                lib.toFile().deleteOnExit();
                try (InputStream in = url.openStream()) {
                    Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new UnsatisfiedLinkError("Could not extract the MuJoCo JNI library from " + url + ": " + e);
        }
        try {
            System.load(lib.toAbsolutePath().toString());
        } catch (UnsatisfiedLinkError e) {
            throw (UnsatisfiedLinkError) new UnsatisfiedLinkError(
                    "Could not load the MuJoCo binding (" + e.getMessage() + "). " + INSTALL_HINT).initCause(e);
        }
    }
}
