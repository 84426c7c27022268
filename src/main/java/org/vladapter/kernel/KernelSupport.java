package org.vladapter.kernel;

/** Small helpers shared by the kernel's classes. */
final class KernelSupport {

    private KernelSupport() {}

    /**
     * Rethrows any throwable without declaring it (a cell's checked exception reaches the kernel unchanged).
     *
     * @param t the throwable
     * @return never returns
     */
    static RuntimeException sneaky(Throwable t) {
        throw KernelSupport.<RuntimeException>rethrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T rethrow(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * Blanks every magic line ({@code %...}) with spaces so offsets and line numbers stay as typed.
     *
     * @param code a cell
     * @return the cell with magic lines blanked
     */
    static String maskMagics(String code) {
        StringBuilder sb = new StringBuilder(code.length());
        for (String line : code.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(line.stripLeading().startsWith("%") ? " ".repeat(line.length()) : line);
        }
        return sb.toString();
    }

    /**
     * @param s text
     * @return the text with HTML's special characters escaped
     */
    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
