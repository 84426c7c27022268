/** The {@code vladapter} command line (picocli): one class per subcommand. */
package org.vladapter.cli;
