package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bin/pmtu-probe names analyze's methods kept out of the loop's compilations: the JVM ignores a name that
 * matches nothing, so a renamed method or a changed signature would quietly undo it.
 */
class AnalyzeLauncherJitTest {

    private static final Pattern DONT_INLINE = Pattern.compile("dontinline,([\\w/$]+)\\.(\\w+)(\\([^)]*\\)[^\\s\"]*)?");

    @Test
    void everyMethodTheLauncherKeepsOutOfTheLoopExists() throws Exception {
        String launcher = Files.readString(Path.of("..", "bin", "pmtu-probe"));
        Matcher m = DONT_INLINE.matcher(launcher);
        List<String> named = new ArrayList<>();
        while (m.find()) {
            Class<?> owner = Class.forName(m.group(1).replace('/', '.'));
            String name = m.group(2);
            String descriptor = m.group(3);
            assertThat(Arrays.stream(owner.getDeclaredMethods()).filter(method -> method.getName().equals(name)
                    && (descriptor == null || descriptor(method).equals(descriptor))))
                    .as("%s.%s%s", owner.getName(), name, descriptor == null ? "" : descriptor).isNotEmpty();
            named.add(name);
        }

        assertThat(named).isNotEmpty();
        // Without quiet, the JVM prints every CompileCommand on stdout, into analyze's output.
        assertThat(launcher.indexOf("CompileCommand=quiet")).isNotNegative().isLessThan(launcher.indexOf("dontinline"));
    }

    private static String descriptor(Method method) {
        return MethodType.methodType(method.getReturnType(), method.getParameterTypes()).toMethodDescriptorString();
    }
}
