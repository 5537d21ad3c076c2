/**
 * The command line ({@code safecounty.jar}): assess, report, diff, validate, test and pack sign.
 *
 * <p>Unlike the embedding example ({@code org.safecounty.examples}), which uses the published API
 * only, the command line is part of safecounty itself and uses {@code org.safecounty.internal}
 * freely: the text, Markdown and HTML reports, the pack tests, the comparison of two packs, pack
 * files and the compiled-pack cache. Code that embeds safecounty should not copy it.
 */
package org.safecounty.cli;
