import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step (not shipped): rewrites the picocli jar that bin/pmtu-probe runs from target/lib as Java 8
 * class files with stack maps, the same code otherwise. Picocli is compiled for Java 5 (no stack maps), and
 * class-data sharing never archives such classes: every trace read and verified its 176 picocli classes
 * from the jar (10% of a healthy trace's CPU). Usage: java -cp asm.jar PicocliStackMaps LIB_DIR
 */
public final class PicocliStackMaps {

    public static void main(String[] args) throws Exception {
        File[] jars = new File(args[0]).listFiles((dir, name) -> name.matches("picocli-[0-9.]+\\.jar"));
        if (jars == null || jars.length != 1) {
            throw new IllegalStateException("expected one picocli jar in " + args[0]);
        }
        File jar = jars[0];
        if (alreadyRewritten(jar)) {
            // Left as it is: a new modification time would void the class-data sharing archives made with it.
            return;
        }
        // A file of its own, renamed over the jar: two first runs at once each write a whole jar.
        File rewritten = Files.createTempFile(jar.getParentFile().toPath(), ".picocli-", ".tmp").toFile();
        try (URLClassLoader picocli = new URLClassLoader(new URL[] {jar.toURI().toURL()});
                ZipInputStream in = new ZipInputStream(new FileInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(new FileOutputStream(rewritten))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                    bytes = withStackMaps(bytes, picocli);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
        // A temporary file is private (0600): the jar keeps its own permissions, for unprivileged traces.
        Files.setPosixFilePermissions(rewritten.toPath(), Files.getPosixFilePermissions(jar.toPath()));
        Files.move(rewritten.toPath(), jar.toPath(), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean alreadyRewritten(File jar) throws Exception {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar)) {
            ZipEntry main = zip.getEntry("picocli/CommandLine.class");
            byte[] header = zip.getInputStream(main).readNBytes(8);
            return ((header[6] & 0xff) << 8 | (header[7] & 0xff)) >= Opcodes.V1_8;
        }
    }

    private static byte[] withStackMaps(byte[] classFile, ClassLoader loader) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                try {
                    Class<?> x = Class.forName(a.replace('/', '.'), false, loader);
                    Class<?> y = Class.forName(b.replace('/', '.'), false, loader);
                    if (x.isAssignableFrom(y)) {
                        return a;
                    }
                    if (y.isAssignableFrom(x)) {
                        return b;
                    }
                    if (x.isInterface() || y.isInterface()) {
                        return "java/lang/Object";
                    }
                    do {
                        x = x.getSuperclass();
                    } while (!x.isAssignableFrom(y));
                    return x.getName().replace('.', '/');
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                super.visit(Math.max(version, Opcodes.V1_8), access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
