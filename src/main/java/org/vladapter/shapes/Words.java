package org.vladapter.shapes;

import java.util.List;
import java.util.Random;

/** Small English helpers shared by the task generators. */
final class Words {

    private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight"};

    private Words() {}

    static String number(int n) {
        return n >= 0 && n < NUMBERS.length ? NUMBERS[n] : Integer.toString(n);
    }

    static <T> T pick(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }

    static <T> T pick(T[] items, Random random) {
        return items[random.nextInt(items.length)];
    }

    /** "a" or "an" for the word. */
    static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    /** "a red circle, a blue square and a green cross". */
    static String list(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(" , ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
