/**
 * The command line (picocli): one thin class per subcommand that parses options, calls the
 * core and prints through the command's own writers; errors map to documented exit codes.
 */
package kr.sbert.workbench.cli;
