/** The eight VL-Adapter tasks: task keys and prompts, readers of the original annotation formats, collation and the multi-task loader. */
package org.vladapter.tasks;
