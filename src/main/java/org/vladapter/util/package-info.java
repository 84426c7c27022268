/** Small helpers shared by several packages: atomic file and directory writes. */
package org.vladapter.util;
