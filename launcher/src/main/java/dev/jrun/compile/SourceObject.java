package dev.jrun.compile;

import dev.jrun.script.Script;
import java.net.URI;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.tools.SimpleJavaFileObject;

/**
 * A source file as javac sees it: the text jrun read (UTF-8, a {@code #!} line blanked), named in
 * diagnostics as the user named it. Like the JDK's source launcher, it lets a public class live in
 * a file of any name.
 */
final class SourceObject extends SimpleJavaFileObject {
    private final Script script;

    SourceObject(Script script) {
        super(URI.create("file://" + script.realPath().toUri().getRawPath()), Kind.SOURCE);
        this.script = script;
    }

    Script script() {
        return script;
    }

    @Override
    public String getName() {
        return script.name();
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return script.text();
    }

    @Override
    public boolean isNameCompatible(String simpleName, Kind kind) {
        if (kind != Kind.SOURCE) {
            return false;
        }
        if (simpleName.equals("package-info") || simpleName.equals("module-info")) {
            return script.realPath().getFileName().toString().equals(simpleName + ".java");
        }
        return true;
    }

    @Override
    public NestingKind getNestingKind() {
        return null;
    }

    @Override
    public Modifier getAccessLevel() {
        return null;
    }
}
