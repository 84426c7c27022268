package org.vladapter.hub;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Shell-style patterns over repository paths with Python {@code fnmatch} semantics (as huggingface_hub's
 * {@code allow_patterns}): {@code *} matches any run of characters including {@code /}, {@code ?} one
 * character, {@code [abc]} a set; a pattern ending in {@code /} matches everything under that folder.
 */
public final class PathGlob {

    private final List<Pattern> patterns;

    private PathGlob(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    /**
     * @param globs patterns; none means everything
     * @return the matcher
     */
    public static PathGlob of(List<String> globs) {
        return new PathGlob(globs.stream().map(g -> g.endsWith("/") ? g + "*" : g).map(PathGlob::compile).toList());
    }

    /**
     * @param path a repository path
     * @return whether any pattern matches (always true without patterns)
     */
    public boolean matches(String path) {
        return patterns.isEmpty() || patterns.stream().anyMatch(p -> p.matcher(path).matches());
    }

    private static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = glob.indexOf(']', i + 2);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, end);
                        if (set.startsWith("!")) {
                            set = "^" + set.substring(1);
                        }
                        re.append('[').append(set.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
