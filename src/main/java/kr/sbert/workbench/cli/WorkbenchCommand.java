package kr.sbert.workbench.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import kr.sbert.workbench.core.InvalidInputException;
import kr.sbert.workbench.core.UserText;
import kr.sbert.workbench.core.WorkbenchException;
import kr.sbert.workbench.core.hub.HubException;
import kr.sbert.workbench.core.model.MalformedModelException;
import kr.sbert.workbench.core.task.CancelledException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The root command: {@code java -jar kr-sbert-workbench.jar <subcommand> …}. */
@Command(name = "kr-sbert-workbench",
        mixinStandardHelpOptions = true,
        version = "KR-SBERT Workbench 0.1.0",
        description = "Korean Sentence-BERT workbench: tokenize, embed, compare and evaluate KR-SBERT variants."
                + " Without a subcommand the jar opens the workbench window.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ModelsCommand.class,
            DownloadCommand.class,
            TokenizeCommand.class,
            EmbedCommand.class,
            SimilarityCommand.class,
            EvalCommand.class,
            ExplainCommand.class,
            VocabStatsCommand.class,
            BenchCommand.class,
            TrainCommand.class,
            RunsCommand.class,
        })
public final class WorkbenchCommand {

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean verbose;

    /** Builds the configured command line, with UTF-8 writers on stdout and stderr. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new WorkbenchCommand());
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler(WorkbenchCommand::handleError);
        cl.setParameterExceptionHandler(WorkbenchCommand::handleUsageError);
        // stdout escapes every control character (VisibleOutput): help text must not need colour codes
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cl.setExecutionStrategy(WorkbenchCommand::runCatchingEverything);
        documentExitCodes(cl);
        return cl;
    }

    /** Every command's help lists the same exit codes. */
    private static void documentExitCodes(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.help());
        cl.getSubcommands().values().forEach(WorkbenchCommand::documentExitCodes);
    }

    /** Runs the CLI and returns its exit code; nothing thrown escapes (see {@link #runCatchingEverything}). */
    public static int run(String... args) {
        try {
            return newCommandLine().execute(args);
        } catch (Throwable e) { // the last edge: even an Error while parsing is one line
            System.err.println(UserText.line("error: " + oneLine(e)));
            return exitCodeOf(e);
        }
    }

    /**
     * picocli hands only {@link Exception}s to the execution exception handler; an {@link Error}
     * (a stack overflow or out of memory a reader did not foresee) would escape as a stack trace.
     * This strategy catches every {@link Throwable} at the command edge and reports it the same way.
     */
    private static int runCatchingEverything(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            CommandLine cl = p.commandSpec().commandLine();
            cl.setOut(VisibleOutput.wrap(cl.getOut())); // what a command prints never drives the terminal
        }
        try {
            return new CommandLine.RunLast().execute(parsed);
        } catch (CommandLine.ExecutionException | CommandLine.ParameterException e) {
            throw e; // picocli reports these through the handlers set above
        } catch (Throwable e) {
            CommandLine cl = parsed.commandSpec().commandLine();
            while (parsed.hasSubcommand()) {
                parsed = parsed.subcommand();
                cl = parsed.commandSpec().commandLine();
            }
            return handleError(e, cl, parsed);
        }
    }

    /** One line on stderr, a documented exit code; the stack trace only with --verbose. */
    static int handleError(Throwable e, CommandLine cl, CommandLine.ParseResult parsed) {
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        boolean verbose = root.getCommand() instanceof WorkbenchCommand w && w.verbose;
        PrintWriter err = cl.getErr();
        err.println(UserText.line("error: " + oneLine(e))); // the whole line within the message budget
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCodeOf(e);
    }

    /**
     * A usage error picocli found while parsing (an unknown or repeated option, a value of the
     * wrong type, a missing required option): one {@code error:} line naming the command and
     * pointing at its {@code --help}, exit 2. The usage itself is shown only on {@code --help}.
     */
    static int handleUsageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String command = cl.getCommandSpec().qualifiedName();
        PrintWriter err = cl.getErr();
        err.println(UserText.line("error: " + e.getMessage() + " (" + command + " --help lists the options)"));
        err.flush();
        return ExitCodes.USAGE;
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof kr.sbert.workbench.core.DeferredFailure d) {
            return exitCodeOf(d.getCause());
        }
        if (e instanceof CancelledException) {
            return ExitCodes.CANCELLED;
        }
        if (e instanceof MalformedModelException) {
            return ExitCodes.BAD_MODEL;
        }
        if (e instanceof HubException) {
            return ExitCodes.HUB;
        }
        if (e instanceof InvalidInputException || e instanceof java.io.IOException) {
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof WorkbenchException) {
            return ExitCodes.BAD_INPUT;
        }
        if (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException)) {
            // the commands' own option checks; a NumberFormatException is a parsing bug, not an option
            return ExitCodes.USAGE;
        }
        return ExitCodes.INTERNAL;
    }

    static String oneLine(Throwable e) {
        return UserText.of(e);
    }
}
