package io.pmtuwatch.bench.diagnosis;

import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.schemas.PathDiagnosis;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One build of the diagnosis module (a jar or a classes directory) in a class loader of its own, so two
 * builds run side by side in one JVM on the same inputs. Only {@code io.pmtuwatch.diagnosis} comes from
 * the build; the schemas and Avro are shared, so both builds read the same input objects and return
 * diagnoses of the same class (the schemas must be the same in both builds). Both the baseline and the
 * build under test are called through this class, so reflection costs both the same.
 */
public final class IsolatedDiagnoser implements DiagnosisBuild {

    private static final String PACKAGE = "io.pmtuwatch.diagnosis.";

    private final String label;
    private final Path location;
    private final Object diagnoser;
    private final Method diagnose;
    private final Method completeRun;
    private final Method incomplete;
    private final Method withFallback;

    private IsolatedDiagnoser(String label, Path location, ClassLoader loader) throws ReflectiveOperationException {
        this.label = label;
        this.location = location;
        Class<?> diagnoserClass = Class.forName(PACKAGE + "PathDiagnoser", true, loader);
        Class<?> contextClass = Class.forName(PACKAGE + "DiagnosisContext", true, loader);
        this.diagnoser = diagnoserClass.getConstructor().newInstance();
        this.diagnose = diagnoserClass.getMethod("diagnose", List.class, Optional.class, contextClass);
        this.completeRun = contextClass.getMethod("completeRun");
        this.incomplete = contextClass.getMethod("incomplete", String.class);
        this.withFallback = contextClass.getMethod("withDiagnosedAtFallback", Instant.class);
    }

    /** The diagnosis build at {@code location} (jar or classes directory). */
    public static IsolatedDiagnoser load(String label, Path location) throws IOException, ReflectiveOperationException {
        if (!Files.exists(location)) {
            throw new IOException("no diagnosis build at " + location);
        }
        return new IsolatedDiagnoser(label, location, new OwnPackageFirst(location.toUri().toURL()));
    }

    /** The diagnosis build this bench was started with, loaded apart like a baseline. */
    public static IsolatedDiagnoser current() throws IOException, ReflectiveOperationException {
        try {
            return load("this build", Path.of(PathDiagnoser.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()));
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public Path location() {
        return location;
    }

    @Override
    public PathDiagnosis diagnose(DiagnosisCase c) throws ReflectiveOperationException {
        Object context = c.incompleteReason() == null ? completeRun.invoke(null) : incomplete.invoke(null,
                c.incompleteReason());
        if (c.diagnosedAtFallback() != null) {
            context = withFallback.invoke(context, c.diagnosedAtFallback());
        }
        try {
            return (PathDiagnosis) diagnose.invoke(diagnoser, c.hops(), Optional.ofNullable(c.handshake()), context);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException refused) {
                throw refused;
            }
            throw e;
        }
    }

    /** Loads the diagnosis package from its own location, everything else from the bench's class path. */
    private static final class OwnPackageFirst extends URLClassLoader {

        OwnPackageFirst(URL location) {
            super(new URL[] {location}, IsolatedDiagnoser.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(PACKAGE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
