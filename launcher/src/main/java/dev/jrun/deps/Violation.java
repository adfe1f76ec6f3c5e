package dev.jrun.deps;

/**
 * A dependency or repository the policy refuses.
 *
 * @param where  the line that brought it in ({@code file:line} of the //DEPS or //REPOS, or settings.xml)
 * @param chain  how: {@code //DEPS g:a:v -> g:a:v -> ...}, or the repository
 * @param reason which rule of which policy file refuses it
 */
public record Violation(String where, String chain, String reason) {

    /** As a compiler-style finding: {@code file:line: policy: chain is reason}. */
    public String finding() {
        return where + ": policy: " + chain + " is " + reason;
    }

    /** As the one line of a failed build. */
    String error() {
        return where + ": " + chain + " is " + reason + "; remove it from the script (or exclude it),"
                + " or ask whoever keeps the policy; 'jrun check' lists every violation";
    }
}
