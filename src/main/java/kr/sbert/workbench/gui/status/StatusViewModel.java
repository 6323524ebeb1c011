package kr.sbert.workbench.gui.status;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;
import kr.sbert.workbench.gui.task.TaskHandle;
import kr.sbert.workbench.gui.task.TaskRunner;

/**
 * State of the status bar: the running tasks (from the {@link TaskRunner}), an info line,
 * and the last error as one readable line with details on demand. Details are the messages
 * of the error and its causes, never a stack trace: the trace is appended to the log file
 * ({@link #setLogFile}), and the details say where. An error stays until the next action
 * reports success ({@link #info}) or the user dismisses it.
 */
public final class StatusViewModel {
    /** The log file's name inside the workbench's configuration folder. */
    public static final String LOG_NAME = "workbench.log";
    private static final long MAX_LOG_BYTES = 2L * 1024 * 1024;

    private final TaskRunner runner;
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorDetails = new ReadOnlyStringWrapper("");
    private Path logFile;

    public StatusViewModel(TaskRunner runner) {
        this.runner = runner;
    }

    public ObservableList<TaskHandle> tasks() {
        return runner.running();
    }

    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorDetailsProperty() {
        return errorDetails.getReadOnlyProperty();
    }

    /** Where stack traces of reported errors are appended (null: nowhere). */
    public void setLogFile(Path file) {
        this.logFile = file;
    }

    public Path logFile() {
        return logFile;
    }

    /** A success: shows the line and clears the last error (the action after it worked). */
    public void info(String line) {
        info.set(line);
        clearError();
    }

    /** Shows {@code context: message} as one line; the details hold the causes, the log file the trace. */
    public void report(String context, Throwable e) {
        error.set(context + ": " + oneLine(e));
        List<String> lines = new ArrayList<>();
        lines.add(context + ": " + oneLine(e));
        lines.add("kind of failure: " + kind(e));
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            String m = because(t);
            // A cause with nothing to say for itself (a bare wrapper) adds nothing: the log has it.
            if (m != null && !lines.get(lines.size() - 1).endsWith(m)) {
                lines.add("because: " + m);
            }
        }
        String logged = log(context, e);
        lines.add("");
        lines.add(logged == null ? "(no log file: the technical details were not kept)"
                : "The technical details (stack trace) are in " + logged);
        errorDetails.set(String.join("\n", lines));
    }

    private String log(String context, Throwable e) {
        if (logFile == null) {
            return null;
        }
        StringWriter sw = new StringWriter();
        PrintWriter pw = new PrintWriter(sw);
        pw.println(Instant.now() + " " + context + ": " + oneLine(e));
        e.printStackTrace(pw);
        pw.flush();
        try {
            Files.createDirectories(logFile.getParent());
            if (Files.isRegularFile(logFile) && Files.size(logFile) > MAX_LOG_BYTES) {
                Files.move(logFile, logFile.resolveSibling(LOG_NAME + ".old"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.writeString(logFile, sw.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return logFile.toString();
        } catch (IOException | RuntimeException io) {
            return null;
        }
    }

    /**
     * What kind of failure this is, named as the command line's exit codes name it: the model
     * hub or the network (exit 5), bad input, a bad model, cancelled, or — only when nothing else
     * explains it — an internal error.
     */
    public static String kind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof kr.sbert.workbench.core.hub.HubException || network(t) != null) {
                return "network / model hub (the command line's exit code 5)";
            }
            if (t instanceof kr.sbert.workbench.core.task.CancelledException) {
                return "cancelled";
            }
            if (t instanceof kr.sbert.workbench.core.model.MalformedModelException) {
                return "the model folder's files";
            }
            if (t instanceof kr.sbert.workbench.core.InvalidInputException) {
                return "bad input (a file, a value typed)";
            }
            if (t instanceof IOException) {
                return "reading or writing a file";
            }
            if (t instanceof kr.sbert.workbench.core.WorkbenchException) {
                return "refused by the workbench";
            }
        }
        return "internal error (a bug: the log has the details; please report it)";
    }

    /** A transport failure said plainly (host not found, refused, timed out), or null for other failures. */
    static String network(Throwable t) {
        if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
            return "network: host name not found";
        }
        if (t instanceof java.net.http.HttpConnectTimeoutException || t instanceof java.net.SocketTimeoutException) {
            return "network: connection timed out";
        }
        if (t instanceof java.net.ConnectException || t instanceof java.net.NoRouteToHostException) {
            return "network: connection refused or network unreachable";
        }
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "network: no answer in time";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "network: secure connection failed";
        }
        return null;
    }

    /** A cause's line in the details, or null when it says nothing of its own. */
    private static String because(Throwable t) {
        String net = network(t);
        if (net != null) {
            return net;
        }
        String m = kr.sbert.workbench.core.UserText.of(t);
        return m.startsWith("internal error") && !(t instanceof Error) ? null : m;
    }

    public void clearError() {
        error.set("");
        errorDetails.set("");
    }

    /** The message a user can act on: one line, no Java class name (see {@code UserText.of}). */
    public static String oneLine(Throwable e) {
        Throwable t = e;
        while ((t instanceof RuntimeException) && t.getCause() != null && t.getMessage() != null
                && t.getMessage().equals(t.getCause().toString())) {
            t = t.getCause();
        }
        return kr.sbert.workbench.core.UserText.of(t);
    }
}
