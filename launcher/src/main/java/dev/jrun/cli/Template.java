package dev.jrun.cli;

import java.util.Locale;

/** The scripts {@code jrun init} writes. Each runs at once; CLASS stands for the class name. */
enum Template {
    HELLO("a script that greets (the default)", """
            //DESCRIPTION Greets whoever is named on the command line.

            public class CLASS {
                public static void main(String[] args) {
                    String who = args.length > 0 ? String.join(" ", args) : "world";
                    System.out.println("Hello, " + who + "!");
                }
            }
            """),

    CLI("a command-line tool with options and --help, using picocli", """
            //DESCRIPTION A command-line tool: options, --help and --version come from picocli.
            //DEPS info.picocli:picocli:4.7.7

            import java.util.concurrent.Callable;
            import picocli.CommandLine;
            import picocli.CommandLine.Command;
            import picocli.CommandLine.Option;
            import picocli.CommandLine.Parameters;

            @Command(name = "CLASS", mixinStandardHelpOptions = true, version = "CLASS 1.0",
                    description = "Greets someone, a number of times.")
            public class CLASS implements Callable<Integer> {

                @Option(names = {"-n", "--times"}, paramLabel = "N", defaultValue = "1",
                        description = "How many times to greet (default: ${DEFAULT-VALUE}).")
                int times;

                @Parameters(paramLabel = "NAME", defaultValue = "world", description = "Whom to greet.")
                String name;

                @Override
                public Integer call() {
                    for (int i = 0; i < times; i++) {
                        System.out.println("Hello, " + name + "!");
                    }
                    return 0;
                }

                public static void main(String[] args) {
                    System.exit(new CommandLine(new CLASS()).execute(args));
                }
            }
            """),

    SERVER("a small TCP server that answers each line with it in upper case", """
            //DESCRIPTION A TCP server: answers each line a client sends with the line in upper case.
            //DESCRIPTION Usage: CLASS [--host HOST] [--port PORT]; port 0 (the default) picks a free one.

            import java.io.BufferedReader;
            import java.io.IOException;
            import java.io.InputStreamReader;
            import java.io.PrintWriter;
            import java.net.InetAddress;
            import java.net.InetSocketAddress;
            import java.net.ServerSocket;
            import java.net.Socket;
            import java.nio.charset.StandardCharsets;
            import java.util.Locale;

            public class CLASS {
                public static void main(String[] args) throws IOException {
                    String host = "127.0.0.1";
                    int port = 0;
                    for (int i = 0; i < args.length; i++) {
                        switch (args[i]) {
                            case "--host" -> host = args[++i];
                            case "--port" -> port = Integer.parseInt(args[++i]);
                            default -> {
                                System.err.println("usage: CLASS [--host HOST] [--port PORT]");
                                System.exit(2);
                            }
                        }
                    }
                    try (ServerSocket server = new ServerSocket()) {
                        server.bind(new InetSocketAddress(InetAddress.getByName(host), port));
                        System.out.println("listening on " + host + ":" + server.getLocalPort());
                        while (true) {
                            Socket client = server.accept();
                            Thread t = new Thread(() -> serve(client));
                            t.setDaemon(true);
                            t.start();
                        }
                    }
                }

                static void serve(Socket client) {
                    try (client;
                         var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                         var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
                        for (String line; (line = in.readLine()) != null; ) {
                            out.println(line.toUpperCase(Locale.ROOT));
                        }
                    } catch (IOException e) {
                        System.err.println("client " + client.getRemoteSocketAddress() + ": " + e.getMessage());
                    }
                }
            }
            """),

    TEST("a script that runs its own JUnit Jupiter tests", """
            //DESCRIPTION Runs its own JUnit Jupiter tests with the JUnit Platform console launcher.
            //DEPS org.junit.platform:junit-platform-console-standalone:1.14.1

            import static org.junit.jupiter.api.Assertions.assertEquals;

            import java.io.PrintWriter;
            import java.util.ArrayList;
            import java.util.List;
            import org.junit.jupiter.api.Test;
            import org.junit.jupiter.params.ParameterizedTest;
            import org.junit.jupiter.params.provider.CsvSource;
            import org.junit.platform.console.ConsoleLauncher;

            public class CLASS {

                static int add(int a, int b) {
                    return a + b;
                }

                @Test
                void addsZero() {
                    assertEquals(5, add(5, 0));
                }

                @ParameterizedTest
                @CsvSource({"1, 1, 2", "2, 3, 5", "-1, 1, 0"})
                void adds(int a, int b, int sum) {
                    assertEquals(sum, add(a, b));
                }

                public static void main(String[] args) {
                    var out = new PrintWriter(System.out, true);
                    var err = new PrintWriter(System.err, true);
                    var options = new ArrayList<>(List.of("execute", "--disable-banner", "--details=tree",
                            "--select-class", CLASS.class.getName()));
                    // colours only on a terminal (System.console() is null when output goes to a pipe or a
                    // file), and never when NO_COLOR is set (https://no-color.org)
                    String noColor = System.getenv("NO_COLOR");
                    if (System.console() == null || (noColor != null && !noColor.isEmpty())) {
                        options.add("--disable-ansi-colors");
                    }
                    int status = ConsoleLauncher.run(out, err, options.toArray(String[]::new)).getExitCode();
                    System.exit(status);
                }
            }
            """);

    /** Without binfmt_misc, the kernel cannot run the file and sh reads it: this line then runs jrun on it. */
    /** Works without binfmt_misc, from any program (the kernel reads it), and execs: jrun blanks it. */
    static final String FIRST_LINE = "#!/usr/bin/env jrun\n";

    final String description;
    private final String text;

    Template(String description, String text) {
        this.description = description;
        this.text = text;
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The script's text for a class of this name. */
    String render(String className) {
        return FIRST_LINE + text.replace("CLASS", className);
    }
}
