package dev.jrun;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean": the known word a mistyped one most likely stands for. */
public final class Similar {
    private Similar() {
    }

    /**
     * The word of {@code known} closest to {@code typed}, if it is close: one edit away for words of
     * up to four letters, two for longer ones, or the one a typed word of three letters or more begins.
     */
    public static Optional<String> closest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : new java.util.TreeSet<>(known)) { // sorted: the same answer every time
            int d = distance(typed, k);
            if (d > 0 && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        if (best != null && bestDistance <= (typed.length() <= 4 ? 1 : 2)) {
            return Optional.of(best);
        }
        if (typed.length() >= 3) {
            return known.stream().filter(k -> k.startsWith(typed) && !k.equals(typed)).sorted().findFirst();
        }
        return Optional.empty();
    }

    /** Edits (insert, delete, replace, swap two neighbours) that turn a into b. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
